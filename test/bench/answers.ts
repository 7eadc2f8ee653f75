import type { TestBot } from '../support/bot.js';

export type AnswerFigures = {
  direct_p50_ms: number;
  direct_p95_ms: number;
  deferred_p50_ms: number;
  deferred_p95_ms: number;
};

/**
 * `/checkin` answered the two ways the bot answers: directly (type 4 callback) and deferred (type 5,
 * then an edit of the original). Time is from the interaction's dispatch to the answer the member
 * sees: the callback for a direct answer, the edit for a deferred one. Samples alternate, 150 ms apart.
 */
export async function benchAnswers(bot: TestBot, users: string[], samples: number): Promise<AnswerFigures> {
  const direct: number[] = [];
  const deferred: number[] = [];
  const defaultDefer = bot.ctx.config.interactionDeferMs;
  for (let i = 0; i < samples * 2; i += 1) {
    const defer = i % 2 === 1;
    bot.ctx.config.interactionDeferMs = defer ? 0 : defaultDefer; // 0: defer at once, then edit
    const userId = users[i % users.length] ?? '';
    const started = Date.now();
    const interaction = bot.fake.slashCommand({
      userId,
      guildId: bot.guild.id,
      name: 'checkin',
      options: { activity: 'coding', minutes: 5 },
    });
    const view = await interaction.response({ timeoutMs: 30_000 });
    if (!view.content.includes('Checked in')) throw new Error(`unexpected answer: ${view.content}`);
    const answer = interaction.responses.find((r) => (defer ? r.kind === 'edit-original' : r.kind === 'callback'));
    (defer ? deferred : direct).push((answer?.at ?? Number.NaN) - started);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  bot.ctx.config.interactionDeferMs = defaultDefer;
  return {
    direct_p50_ms: quantile(direct, 0.5),
    direct_p95_ms: quantile(direct, 0.95),
    deferred_p50_ms: quantile(deferred, 0.5),
    deferred_p95_ms: quantile(deferred, 0.95),
  };
}

/** Enrolls `count` members with /start (not timed). */
export async function enrollMembers(bot: TestBot, count: number): Promise<string[]> {
  const users: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const userId = bot.addUser();
    await bot.fake
      .slashCommand({ userId, guildId: bot.guild.id, name: 'start', options: { timezone: 'Europe/Berlin' } })
      .response();
    users.push(userId);
  }
  return users;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}
