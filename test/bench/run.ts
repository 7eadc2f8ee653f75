// `npm run bench [-- --members 20000] [-- --json] [-- --pglite] [-- --evening]
//   [-- --only nudges|summary|idle-tick|memory]`:
// performance figures, printed (not asserted).
import { parseArgs } from 'node:util';
import { startTestBot } from '../support/bot.js';
import { benchAnswers, enrollMembers } from './answers.js';
import { benchIdleTick } from './idle-tick.js';
import { benchMemory } from './memory.js';
import { benchNudges } from './nudges.js';
import { benchSummary } from './summary.js';

const parts = ['nudges', 'summary', 'idle-tick', 'memory'] as const;
const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '20000' },
    json: { type: 'boolean', default: false },
    pglite: { type: 'boolean', default: false },
    // Every member has the evening save on, and it is due in the same minute as the nudges.
    evening: { type: 'boolean', default: false },
    only: { type: 'string', multiple: true },
  },
});
const count = Number(values.members);
const only = values.only ?? [...parts];
for (const part of only)
  if (!(parts as readonly string[]).includes(part)) throw new Error(`--only ${part}: one of ${parts.join(', ')}`);
const log = (line: string) => {
  if (!values.json) console.log(line);
};
const answerSamples = 20;
const prefixed = (prefix: string, figures: Record<string, number>) =>
  Object.fromEntries(Object.entries(figures).map(([key, value]) => [`${prefix}${key}`, value]));

async function runNudges(): Promise<Record<string, number>> {
  log(
    `Nudge burst: ${count} members due in the same minute${
      values.evening ? ', each with a nudge and an evening ' + 'save' : ''
    }, the real bot against the fake Discord at 50 requests/s (${values.pglite ? 'PGlite' : 'Postgres'}).`,
  );
  // The bench runs in real time: the scheduler's clock is the wall clock.
  // The bot's clock runs in real time. With --evening it is moved whole days ahead to a Wednesday (UTC), so every
  // member's local day is a required weekday: an optional day's evening save is skipped, not sent.
  const daysToWednesday = (3 - new Date().getUTCDay() + 7) % 7;
  const bot = await startTestBot({
    backend: values.pglite ? 'PGlite' : 'Postgres',
    runningClock: true,
    clock: new Date(Date.now() + (values.evening ? daysToWednesday : 0) * 86_400_000).toISOString(),
  });
  try {
    const users = await enrollMembers(bot, 10);
    const idle = await benchAnswers(bot, users, answerSamples);
    const { during: busy, ...nudges } = await benchNudges(bot, count, () => benchAnswers(bot, users, answerSamples), {
      evening: values.evening,
    });
    const problems = bot.problems();
    log(
      `  sent ${nudges.sent} DMs to ${nudges.members} members in ${nudges.elapsed_s} s: ` +
        `${nudges.nudges_per_s} DMs/s ` +
        `(${Math.round((nudges.nudges_per_s / 50) * 1000) / 10}% of Discord's 50/s)`,
    );
    log(
      `  requests per nudge ${nudges.requests_per_nudge}; 429s: global ${nudges.global_429s}, per-route ` +
        `${nudges.route_429s}`,
    );
    log(
      `  lag from due time: p50 ${nudges.lag_p50_s} s, p99 ${nudges.lag_p99_s} s; peak RSS ` +
        `${nudges.peak_rss_mb} MB (bot + fake Discord + PGlite/driver in one process)`,
    );
    if (problems.length > 0) log(`  problems: ${problems.slice(0, 5).join('; ')}`);
    log(`/checkin answers (${answerSamples} of each kind), p50 / p95 from dispatch to what the member sees:`);
    const pair = (p50: number, p95: number) => `${p50} / ${p95} ms`;
    log(
      `  direct:   idle ${pair(idle.direct_p50_ms, idle.direct_p95_ms)}, ` +
        `during the burst ${pair(busy.direct_p50_ms, busy.direct_p95_ms)}`,
    );
    log(
      `  deferred: idle ${pair(idle.deferred_p50_ms, idle.deferred_p95_ms)}, ` +
        `during the burst ${pair(busy.deferred_p50_ms, busy.deferred_p95_ms)}`,
    );
    return {
      ...nudges,
      problems: problems.length,
      ...prefixed('checkin_idle_', idle),
      ...prefixed('checkin_burst_', busy),
    };
  } finally {
    await bot.close();
  }
}

function runSummary(): Record<string, number> {
  const summary = benchSummary(1_000);
  const summaryMs = Math.round((summary.build_render_ms_median + summary.heatmap_ms_median) * 10) / 10;
  log(
    `Weekly summary of a 1,000-member group: ${summaryMs} ms to build and render (median of ${summary.runs}; ` +
      `target < 250 ms)`,
  );
  log(
    `  model + ${summary.messages} messages ${summary.build_render_ms_median} ms, heatmap PNG ` +
      `${summary.heatmap_ms_median} ms`,
  );
  return {
    summary_1000_ms: summaryMs,
    summary_1000_build_render_ms: summary.build_render_ms_median,
    summary_1000_heatmap_ms: summary.heatmap_ms_median,
    summary_1000_messages: summary.messages,
  };
}

async function runIdleTick(): Promise<Record<string, number>> {
  log('Idle minute tick (nothing due) at 100k and 1M members, local Postgres:');
  const [small, large] = await benchIdleTick([100_000, 1_000_000]);
  const figures: Record<string, number> = {};
  for (const [result, key] of [
    [small, '100k'],
    [large, '1m'],
  ] as const) {
    if (!result) continue;
    log(
      `  ${result.members.toLocaleString('en')} members: ${result.tick_ms_median} ms per tick (median of ` +
        `${result.ticks}; seeded in ${result.seed_s} s)`,
    );
    log(`    claim reads: ${result.plans.claim}`);
    log(`    flagged-member read: ${result.plans.flagged}`);
    figures[`idle_tick_ms_${key}`] = result.tick_ms_median;
  }
  return figures;
}

async function runMemory(): Promise<Record<string, number>> {
  const interactions = 10_000;
  log(`Bot process RSS, idle 10 s after login and after ${interactions} slash commands:`);
  const figures: Record<string, number> = {};
  for (const how of ['npm start', 'image'] as const) {
    for (const backend of ['PGlite', 'Postgres'] as const) {
      const result = await benchMemory(backend, interactions, how);
      log(`  ${backend}, ${how}: idle ${result.idle_rss_mb} MB, after load ${result.loaded_rss_mb} MB`);
      const key = `${backend.toLowerCase()}${how === 'image' ? '_image' : ''}`;
      figures[`rss_${key}_idle_mb`] = result.idle_rss_mb;
      figures[`rss_${key}_loaded_mb`] = result.loaded_rss_mb;
    }
  }
  return figures;
}

async function main(): Promise<void> {
  const figures: Record<string, number> = {};
  if (only.includes('nudges')) Object.assign(figures, await runNudges());
  if (only.includes('summary')) Object.assign(figures, runSummary());
  if (only.includes('idle-tick')) Object.assign(figures, await runIdleTick());
  if (only.includes('memory')) Object.assign(figures, await runMemory());
  if (values.json) console.log(JSON.stringify(figures));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
