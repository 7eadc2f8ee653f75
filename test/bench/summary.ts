import { buildWeekSummary } from '../../src/coach/summary.js';
import type { SummaryMemberInput } from '../../src/coach/summary-model.js';
import { addDays } from '../../src/coach/time.js';
import { renderWeekSummary } from '../../src/discord/summary-render.js';
import { defaultPlan } from '../../src/plan/default-plan.js';
import { renderHeatmapPng } from '../../src/render/heatmap.js';

export type SummaryBenchResult = {
  members: number;
  runs: number;
  build_render_ms_median: number;
  heatmap_ms_median: number;
  messages: number;
};

const activities = ['coding', 'open_source', 'writing', 'deep_dive', 'reflection'] as const;

/** Builds and renders (embeds + PNG heatmap) the summary of a synthetic group, several times; medians. */
export function benchSummary(count: number, runs = 7): SummaryBenchResult {
  const weekStart = '2026-06-01';
  const members: SummaryMemberInput[] = Array.from({ length: count }, (_, i) => ({
    displayName: `member-${i}`,
    visibility: i % 10 === 0 ? 'hidden' : i % 5 === 0 ? 'counts' : 'full',
    planStartDate: '2026-03-02',
    pauses: [],
    checkins: Array.from({ length: i % 7 }, (_, d) => ({
      localDate: addDays(weekStart, d),
      activity: activities[d % 5]!,
      minutes: 60,
      note: `note ${i}-${d}`,
      link: d % 2 ? `https://example.com/${i}/${d}` : null,
    })),
    milestones: i % 50 === 0 ? [{ milestoneId: 'p2-skill-database-internals', localDate: '2026-06-03' }] : [],
    streak: { current: i % 9, best: i % 13 },
  }));
  const buildTimes: number[] = [];
  const heatmapTimes: number[] = [];
  let messages = 0;
  for (let run = 0; run < runs; run += 1) {
    const t0 = performance.now();
    const model = buildWeekSummary({
      plan: defaultPlan,
      groupName: 'Bench group',
      weekStart,
      today: '2026-06-07',
      members,
    });
    messages = renderWeekSummary(model, { heatmapFileName: 'week-heatmap.png' }).length;
    const t1 = performance.now();
    renderHeatmapPng(model);
    heatmapTimes.push(performance.now() - t1);
    buildTimes.push(t1 - t0);
  }
  const median = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]! * 10) / 10;
  return {
    members: count,
    runs,
    build_render_ms_median: median(buildTimes),
    heatmap_ms_median: median(heatmapTimes),
    messages,
  };
}
