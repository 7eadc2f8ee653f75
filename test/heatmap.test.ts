import { inflateSync } from 'node:zlib';
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

type Image = { width: number; height: number; rgba: Buffer };

/** A minimal PNG reader (8-bit RGBA, non-interlaced, as resvg writes), so the test checks the bytes we send. */
function decodePng(png: Buffer): Image {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let width = 0,
    height = 0;
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9], data[12]]).toEqual([8, 6, 0]); // bit depth, RGBA, no interlace
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rgba = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x]!;
      const left = x >= 4 ? rgba[y * stride + x - 4]! : 0;
      const up = y > 0 ? rgba[(y - 1) * stride + x]! : 0;
      const upLeft = x >= 4 && y > 0 ? rgba[(y - 1) * stride + x - 4]! : 0;
      const p = left + up - upLeft;
      const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
      const paeth = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      const predictor = [0, left, up, (left + up) >> 1, paeth][filter]!;
      rgba[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return { width, height, rgba };
}

const hex = (image: Image, x: number, y: number): string => {
  const at = (y * image.width + x) * 4;
  return `#${[0, 1, 2].map((i) => image.rgba[at + i]!.toString(16).padStart(2, '0')).join('')}`;
};

/** The colour of a cell, sampled inside its rounded corner, away from the white mark in the middle. */
const cellColour = (image: Image, row: number, day: number): string => {
  const box = cellBox(row, day);
  return hex(image, Math.round((box.x + 4.5) * heatmapLayout.scale), Math.round((box.y + 4.5) * heatmapLayout.scale));
};

const checkin = (localDate: string) => ({
  localDate,
  activity: 'coding' as const,
  minutes: 60,
  note: null,
  link: null,
});
const member = (displayName: string, extra: Partial<SummaryMemberInput> = {}): SummaryMemberInput => ({
  displayName,
  visibility: 'full',
  planStartDate: '2026-01-05',
  pauses: [],
  checkins: [],
  milestones: [],
  streak: { current: 0, best: 0 },
  ...extra,
});
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

  it('colours each cell by its day: done, missed, paused, not started, future', () => {
    expect(model.members.map((m) => m.displayName)).toEqual(['Ada', 'Bo']);
    expect(cellColour(image, 0, 0)).toBe(heatmapColors.done);
    expect(cellColour(image, 0, 1)).toBe(heatmapColors.missed);
    expect(cellColour(image, 0, 2)).toBe(heatmapColors.done);
    expect(cellColour(image, 0, 5)).toBe(heatmapColors.done); // a Saturday check-in ahead of the group's today
    expect(cellColour(image, 1, 0)).toBe(heatmapColors.not_started);
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
