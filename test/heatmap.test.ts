import { describe, expect, it } from 'vitest';
import { buildWeekSummary } from '../src/coach/summary.js';
import type { SummaryMemberInput } from '../src/coach/summary-model.js';
import { defaultPlan } from '../src/plan/default-plan.js';
import {
  buildHeatmapSvg,
  cellBox,
  heatmapColors,
  heatmapLayout,
  heatmapSize,
  renderHeatmapPng,
} from '../src/render/heatmap.js';
import { cellColour, decodePng, hex } from './support/png.js';
import { summaryMember } from './support/summary-member.js';

const checkin = (localDate: string) => ({
  localDate,
  activity: 'coding' as const,
  minutes: 60,
  note: null,
  link: null,
});
const member = summaryMember;
const summarize = (members: SummaryMemberInput[]) =>
  buildWeekSummary({
    plan: defaultPlan,
    groupName: 'Data folks',
    weekStart: '2026-06-01',
    today: '2026-06-04',
    members,
  });

describe('weekly heatmap', () => {
  // Sorted by name: Ada (row 0), Bo (row 1); Cy is hidden. Today is Thursday, so Fri–Sun are future.
  const model = summarize([
    member('Bo', {
      visibility: 'counts',
      planStartDate: '2026-06-02',
      pauses: [{ startDate: '2026-06-03', endDate: '2026-06-03' }],
      frozenDates: ['2026-06-02'],
    }),
    member('Ada', { checkins: [checkin('2026-06-01'), checkin('2026-06-03'), checkin('2026-06-06')] }),
    member('Cy', { visibility: 'hidden' }),
  ]);
  const { png, width, height } = renderHeatmapPng(model);
  const image = decodePng(png);

  it('has the documented size: the SVG geometry times the scale, one row per listed member', () => {
    const size = heatmapSize(2);
    expect(size.rows).toBe(2);
    expect([image.width, image.height]).toEqual([size.width * heatmapLayout.scale, size.height * heatmapLayout.scale]);
    expect([width, height]).toEqual([image.width, image.height]);
  });

  it('colours each cell by its day: done, missed, paused, frozen, not started, future', () => {
    expect(model.members.map((m) => m.displayName)).toEqual(['Ada', 'Bo']);
    expect(cellColour(image, 0, 0)).toBe(heatmapColors.done);
    expect(cellColour(image, 0, 1)).toBe(heatmapColors.missed);
    expect(cellColour(image, 0, 2)).toBe(heatmapColors.done);
    expect(cellColour(image, 0, 5)).toBe(heatmapColors.done); // a Saturday check-in ahead of the group's today
    expect(cellColour(image, 1, 0)).toBe(heatmapColors.not_started);
    expect(cellColour(image, 1, 1)).toBe(heatmapColors.frozen); // a freeze covered the day
    expect(cellColour(image, 1, 2)).toBe(heatmapColors.paused);
    expect(cellColour(image, 1, 4)).toBe(heatmapColors.future);
  });

  it('a Saturday without a check-in in a finished week is drawn as optional, not missed', () => {
    const finished = buildWeekSummary({
      plan: defaultPlan,
      groupName: 'g',
      weekStart: '2026-06-01',
      today: '2026-06-08',
      members: [member('Ada')],
    });
    const picture = decodePng(renderHeatmapPng(finished).png);
    expect(cellColour(picture, 0, 4)).toBe(heatmapColors.missed);
    expect(cellColour(picture, 0, 5)).toBe(heatmapColors.optional);
    expect(cellColour(picture, 0, 6)).toBe(heatmapColors.missed);
  });

  it('draws an opaque card, so the picture reads on both Discord themes', () => {
    for (let i = 3; i < image.rgba.length; i += 4 * 997) {
      const x = (i >> 2) % image.width,
        y = Math.floor((i >> 2) / image.width);
      const corner = (x < 24 || x >= image.width - 24) && (y < 24 || y >= image.height - 24); // the rounded corners
      if (!corner) expect(image.rgba[i]).toBe(255);
    }
    expect(hex(image, 6 * heatmapLayout.scale, Math.round(cellBox(0, 0).y * heatmapLayout.scale) - 4)).toBe(
      heatmapColors.card,
    );
  });

  it('draws the names with the bundled font (not a blank where text should be)', () => {
    const { y } = cellBox(0, 0);
    let inked = 0;
    for (let py = y * heatmapLayout.scale; py < (y + heatmapLayout.cell) * heatmapLayout.scale; py++) {
      for (
        let px = heatmapLayout.padding * heatmapLayout.scale;
        px < (heatmapLayout.padding + 60) * heatmapLayout.scale;
        px++
      ) {
        if (hex(image, px, py) !== heatmapColors.card) inked += 1;
      }
    }
    expect(inked).toBeGreaterThan(50);
  });

  it('escapes names with XML special characters and control characters, and still renders', () => {
    const tricky = summarize([member('<b>Tom & "Jerry"</b>\u0007'), member('x\uD800y')]);
    const svg = buildHeatmapSvg(tricky);
    expect(svg).toContain('&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;');
    expect(svg).not.toContain('<b>');
    const rendered = renderHeatmapPng(tricky);
    expect(decodePng(rendered.png).width).toBe(rendered.width);
  });

  it(`caps a big group at ${heatmapLayout.maxRows} rows plus a "+N more" line`, () => {
    const big = summarize(Array.from({ length: 1000 }, (_, i) => member(`Member ${String(i).padStart(4, '0')}`)));
    const svg = buildHeatmapSvg(big);
    expect(svg).toContain('+960 more members');
    expect(svg).not.toContain('Member 0040');
    const rendered = renderHeatmapPng(big);
    expect(rendered.height).toBe(heatmapSize(1000).height * heatmapLayout.scale);
    expect(rendered.height).toBeLessThan(3000);
  });

  it('renders an empty group as a card that says so', () => {
    const empty = summarize([]);
    expect(buildHeatmapSvg(empty)).toContain('No members listed this week');
    expect(renderHeatmapPng(empty).height).toBe(heatmapSize(0).height * heatmapLayout.scale);
  });
});
