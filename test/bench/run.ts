// `npm run bench [-- --members 20000] [-- --json] [-- --pglite]`: performance figures, printed (not asserted).
import { parseArgs } from 'node:util';
import { startTestBot } from '../support/bot.js';
import { benchAnswers, enrollMembers } from './answers.js';
import { benchNudges } from './nudges.js';
import { benchSummary } from './summary.js';

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '20000' },
    json: { type: 'boolean', default: false },
    pglite: { type: 'boolean', default: false },
  },
});
const count = Number(values.members);
const answerSamples = 20;
const prefixed = (prefix: string, figures: Record<string, number>) =>
  Object.fromEntries(Object.entries(figures).map(([key, value]) => [`${prefix}${key}`, value]));

async function main(): Promise<void> {
  const log = (line: string) => {
    if (!values.json) console.log(line);
  };
  log(
    `Nudge burst: ${count} members due in the same minute, the real bot against the fake Discord at 50 ` +
      `requests/s (${values.pglite ? 'PGlite' : 'Postgres'}).`,
  );
  const bot = await startTestBot({ backend: values.pglite ? 'PGlite' : 'Postgres', clock: new Date().toISOString() });
  // The bench runs in real time: the scheduler's clock is the wall clock.
  bot.ctx.clock = () => new Date();
  try {
    const users = await enrollMembers(bot, 10);
    const idle = await benchAnswers(bot, users, answerSamples);
    const { during: busy, ...nudges } = await benchNudges(bot, count, () => benchAnswers(bot, users, answerSamples));
    const problems = bot.problems();
    const summary = benchSummary(1_000);
    const summaryMs = Math.round((summary.build_render_ms_median + summary.heatmap_ms_median) * 10) / 10;
    if (values.json) {
      console.log(
        JSON.stringify({
          ...nudges,
          problems: problems.length,
          ...prefixed('checkin_idle_', idle),
          ...prefixed('checkin_burst_', busy),
          summary_1000_ms: summaryMs,
          summary_1000_build_render_ms: summary.build_render_ms_median,
          summary_1000_heatmap_ms: summary.heatmap_ms_median,
          summary_1000_messages: summary.messages,
        }),
      );
    } else {
      log(
        `  sent ${nudges.sent} of ${nudges.members} in ${nudges.elapsed_s} s: ${nudges.nudges_per_s} nudges/s ` +
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
      log(
        `Weekly summary of a 1,000-member group: ${summaryMs} ms to build and render (median of ${summary.runs}; ` +
          `target < 250 ms)`,
      );
      log(
        `  model + ${summary.messages} messages ${summary.build_render_ms_median} ms, heatmap PNG ` +
          `${summary.heatmap_ms_median} ms`,
      );
    }
  } finally {
    await bot.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
