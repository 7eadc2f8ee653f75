import { deliveries, members } from '../../schema/index.js';
import { nudgeDueAt } from '../../src/coach/schedule.js';
import { localDateOf, localTimeOf } from '../../src/coach/time.js';
import { eveningPrefix } from '../../src/discord/nudge-render.js';
import type { TestBot } from '../support/bot.js';

export type NudgeBenchResult = {
  members: number;
  sent: number;
  elapsed_s: number;
  nudges_per_s: number;
  requests_per_nudge: number;
  global_429s: number;
  route_429s: number;
  lag_p50_s: number;
  lag_p99_s: number;
  peak_rss_mb: number;
};

const zones = [
  'America/New_York',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
];

/**
 * `count` enrolled members (DM channel already open, as /start leaves it) all due in the same
 * minute; one scheduler tick of the real bot sends them through the fake Discord at Discord's
 * global limit. Lag is measured from the due time to the fake's message timestamp. `during` runs
 * alongside the burst, from 2 s after it starts.
 */
export async function benchNudges<T>(
  bot: TestBot,
  count: number,
  during: () => Promise<T>,
  options: { evening?: boolean } = {},
): Promise<NudgeBenchResult & { during: T }> {
  // The bot's clock runs in real time but may be whole days ahead of the wall clock (a weekday for --evening).
  const ahead = bot.ctx.clock().getTime() - Date.now();
  const dueAt = new Date(Math.ceil((bot.ctx.clock().getTime() + 5_000) / 60_000) * 60_000);
  const rows = Array.from({ length: count }, (_, i) => {
    const user = bot.fake.addUser();
    bot.fake.addMember(bot.guild.id, user.id);
    const timeZone = zones[i % zones.length]!;
    return {
      discordUserId: user.id,
      timeZone,
      nudgeTime: localTimeOf(dueAt, timeZone),
      // With --evening every member has the evening save on: each nudge also plans one, and each member's
      // evening save of today is due in the same minute as the nudges (the worst case: two DMs per member).
      eveningTime: options.evening ? '23:59' : null,
      planStartDate: '2026-01-05',
      dmChannelId: bot.fake.seedDmChannel(user.id),
    };
  });
  const { db } = bot.ctx;
  for (let i = 0; i < rows.length; i += 1_000) {
    const inserted = await db
      .insert(members)
      .values(rows.slice(i, i + 1_000))
      .returning();
    const kinds = options.evening ? (['nudge', 'evening'] as const) : (['nudge'] as const);
    await db.insert(deliveries).values(
      inserted.flatMap((m) => {
        const localDate = localDateOf(dueAt, m.timeZone);
        const due = nudgeDueAt(localDate, m.nudgeTime, m.timeZone);
        return kinds.map((kind) => ({ kind, subjectId: m.id, localDate, dueAt: due, nonce: `b${kind[0]}${m.id}` }));
      }),
    );
  }
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, dueAt.getTime() - bot.ctx.clock().getTime())));

  bot.fake.resetStats();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 250);
  const started = performance.now();
  const ticking = bot.app.scheduler.tick();
  // What else is measured while the burst runs starts once the REST queue is full.
  const alongside = new Promise((resolve) => setTimeout(resolve, 2_000)).then(during);
  const result = await ticking;
  const elapsed = (performance.now() - started) / 1000;
  const duringResult = await alongside;
  clearInterval(sampler);

  const lags = bot.fake
    .messages()
    .filter((m) => m.content.includes('Streak') || m.content.startsWith(eveningPrefix))
    .map((m) => (Date.parse(m.timestamp) + ahead - dueAt.getTime()) / 1000)
    .sort((a, b) => a - b);
  const sent = result.outcomes.sent ?? 0;
  const quantile = (q: number) => lags[Math.min(lags.length - 1, Math.floor(q * lags.length))] ?? NaN;
  return {
    members: count,
    sent,
    elapsed_s: round(elapsed),
    nudges_per_s: round(sent / elapsed),
    requests_per_nudge: round(bot.fake.stats.requests / Math.max(1, sent)),
    global_429s: bot.fake.stats.status429.global,
    route_429s: bot.fake.stats.status429.route,
    lag_p50_s: round(quantile(0.5)),
    lag_p99_s: round(quantile(0.99)),
    peak_rss_mb: Math.round(peakRss / 2 ** 20),
    during: duringResult,
  };
}

const round = (n: number) => Math.round(n * 100) / 100;
