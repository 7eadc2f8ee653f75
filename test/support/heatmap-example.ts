// Draws docs/weekly-heatmap-example.png, the README's example of the weekly heatmap, with the real renderer:
// `npx tsx test/support/heatmap-example.ts`. A six-member week with every day state a member can show.
import { writeFileSync } from 'node:fs';
import { buildWeekSummary } from '../../src/coach/summary.js';
import { defaultPlan } from '../../src/plan/default-plan.js';
import { renderHeatmapPng } from '../../src/render/heatmap.js';
import { summaryMember } from './summary-member.js';

const days = (...dates: number[]) =>
  dates.map((d) => ({ localDate: `2026-06-0${d}`, activity: 'coding' as const, minutes: 60, note: null, link: null }));
const member = summaryMember;
const model = buildWeekSummary({
  plan: defaultPlan,
  groupName: 'Data Eng Study Group',
  weekStart: '2026-06-01',
  today: '2026-06-08',
  members: [
    member('Ada', { checkins: days(1, 2, 3, 4, 5, 7) }),
    member('Barbara', { checkins: days(2, 3) }),
    // Thursday missed, covered by a freeze she had earned: the streak goes on.
    member('Grace', { checkins: days(1, 2, 3, 5, 6, 7), frozenDates: ['2026-06-04'] }),
    member('Ken', { planStartDate: '2026-06-03' }),
    member('Linus', { checkins: days(1, 3, 4), pauses: [{ startDate: '2026-06-05', endDate: '2026-06-07' }] }),
    member('Margaret', { checkins: days(1, 2, 3, 4, 5, 6, 7) }),
  ],
});
writeFileSync('docs/weekly-heatmap-example.png', renderHeatmapPng(model).png);
