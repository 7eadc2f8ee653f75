import { createRequire } from 'node:module';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import type { DayState, WeekSummary } from '../coach/summary-model.js';

/**
 * Fixed geometry (SVG units; the PNG is `scale` times larger), so a test can find the pixel of a
 * (member, day) cell. At most `maxRows` members are drawn; the rest get one "+N more" line, which
 * keeps the picture under ~2,600 px tall for any group size.
 */
export const heatmapLayout = {
  scale: 2,
  padding: 16,
  titleHeight: 30,
  headerHeight: 36,
  nameWidth: 150,
  nameChars: 18,
  cell: 24,
  gap: 4,
  radius: 5,
  fontSize: 13,
  lineHeight: 24,
  legendHeight: 50,
  maxRows: 40,
} as const;

/** Top-left of the first cell (member 0, Monday). */
export const gridOrigin = {
  x: heatmapLayout.padding + heatmapLayout.nameWidth,
  y: heatmapLayout.padding + heatmapLayout.titleHeight + heatmapLayout.headerHeight,
} as const;

// An opaque dark card: it stands out on Discord's light theme and sits calmly on the dark one.
export const heatmapColors = {
  card: '#1e1f22',
  border: '#4e5058',
  text: '#f2f3f5',
  muted: '#b5bac1',
  mark: '#ffffff',
  done: '#23a55a',
  missed: '#da373c',
  optional: '#6d6f78',
  paused: '#f0b232',
  frozen: '#4fa3e0',
  future: '#383a40',
  not_started: '#2b2d31',
} as const satisfies Record<DayState | 'card' | 'border' | 'text' | 'muted' | 'mark', string>;

const dayHeaders = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const legendItems: [DayState, string][] = [
  ['done', 'done'],
  ['missed', 'missed'],
  ['optional', 'optional'],
  ['paused', 'paused'],
  ['frozen', 'frozen'],
  ['future', 'upcoming'],
  ['not_started', 'not started'],
];

// The font ships with the dejavu-fonts-ttf npm package: the runtime image has no system fonts,
// and resvg silently draws no text when a font is missing (it cannot read woff2 either).
const fontFile = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');

export function heatmapFont(): NonNullable<ResvgRenderOptions['font']> {
  return { fontFiles: [fontFile], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' };
}

export function cellBox(row: number, day: number): { x: number; y: number; size: number } {
  const step = heatmapLayout.cell + heatmapLayout.gap;
  return { x: gridOrigin.x + day * step, y: gridOrigin.y + row * step, size: heatmapLayout.cell };
}

export function heatmapSize(memberCount: number): { width: number; height: number; rows: number } {
  return gridSize(
    Math.min(memberCount, heatmapLayout.maxRows),
    memberCount === 0 || memberCount > heatmapLayout.maxRows,
  );
}

function gridSize(rows: number, extraLine: boolean): { width: number; height: number; rows: number } {
  const { padding, nameWidth, cell, gap, lineHeight, legendHeight } = heatmapLayout;
  return {
    width: padding * 2 + nameWidth + 7 * cell + 6 * gap,
    height: gridOrigin.y + rows * (cell + gap) + (extraLine ? lineHeight : 0) + legendHeight + padding,
    rows,
  };
}

/** What the picture draws: a titled grid of rows (members, or a member's weeks) by the 7 weekdays. */
export type HeatmapGrid = {
  title: string;
  /** Under each weekday's name, e.g. the day of the month (the weekly summary) or nothing. */
  dayNotes: string[];
  rows: { label: string; days: DayState[] }[];
  /** A line under the rows ("+3 more members"), or null. */
  extraLine: string | null;
};

export function buildHeatmapSvg(model: WeekSummary): string {
  const more = model.members.length - heatmapLayout.maxRows;
  return buildGridSvg({
    title: `${model.groupName} · ${model.weekLabel}`,
    dayNotes: dayHeaders.map((_, day) => String(Number(model.dates[day]?.slice(8) ?? 0))),
    rows: model.members.slice(0, heatmapLayout.maxRows).map((m) => ({ label: m.displayName, days: m.days })),
    extraLine:
      more > 0
        ? `+${more} more member${more === 1 ? '' : 's'} (see the list in the message)`
        : model.members.length === 0
          ? 'No members listed this week'
          : null,
  });
}

export function buildGridSvg(grid: HeatmapGrid): string {
  const { padding, titleHeight, fontSize, lineHeight, cell } = heatmapLayout;
  const { width, height, rows } = gridSize(grid.rows.length, grid.extraLine !== null);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ` +
      `${height}" font-family="DejaVu Sans, sans-serif" font-size="${fontSize}">`,
    `<rect x="0.5" y="0.5" width="${width - 1}" height="${height - 1}" rx="12" fill="${heatmapColors.card}" ` +
      `stroke="${heatmapColors.border}"/>`,
    text(padding, padding + 18, truncate(grid.title, 44), heatmapColors.text, 'font-size="15"'),
  ];
  dayHeaders.forEach((label, day) => {
    const { x } = cellBox(0, day);
    const small = 'text-anchor="middle" font-size="11"';
    parts.push(text(x + cell / 2, padding + titleHeight + 14, label, heatmapColors.muted, small));
    parts.push(text(x + cell / 2, padding + titleHeight + 28, grid.dayNotes[day] ?? '', heatmapColors.muted, small));
  });
  grid.rows.forEach((row, index) => {
    const { y } = cellBox(index, 0);
    const name = truncate(row.label, heatmapLayout.nameChars);
    parts.push(text(padding, y + cell / 2 + fontSize * 0.36, name, heatmapColors.text));
    for (const [day, state] of row.days.entries()) parts.push(drawCell(cellBox(index, day), state));
  });
  let y = gridOrigin.y + rows * (cell + heatmapLayout.gap);
  if (grid.extraLine !== null) {
    parts.push(text(padding, y + 16, grid.extraLine, heatmapColors.muted));
    y += lineHeight;
  }
  parts.push(...drawLegend(y + 8), '</svg>');
  return parts.join('\n');
}

export function renderHeatmapPng(model: WeekSummary): { png: Buffer; width: number; height: number } {
  return renderSvg(buildHeatmapSvg(model));
}

export function renderGridPng(grid: HeatmapGrid): { png: Buffer; width: number; height: number } {
  return renderSvg(buildGridSvg(grid));
}

function renderSvg(svg: string): { png: Buffer; width: number; height: number } {
  const resvg = new Resvg(svg, { font: heatmapFont(), fitTo: { mode: 'zoom', value: heatmapLayout.scale } });
  const image = resvg.render();
  return { png: image.asPng(), width: image.width, height: image.height };
}

/**
 * A filled rounded square plus a white mark for the states colour alone cannot carry (red/green
 * colour blindness). Marks stay in the middle of the cell so its corners show the pure fill colour.
 */
function drawCell(box: { x: number; y: number; size: number }, state: DayState): string {
  const { x, y, size } = box;
  const dashed = state === 'not_started' ? ` stroke="${heatmapColors.border}" stroke-dasharray="3 2"` : '';
  const rect =
    `<rect x="${x}" y="${y}" width="${size}" height="${size}" rx="${heatmapLayout.radius}" ` +
    `fill="${heatmapColors[state]}"${dashed}/>`;
  const at = (dx: number, dy: number) => `${x + (dx * size) / 24} ${y + (dy * size) / 24}`;
  const line = 'stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round"';
  const stroke = `fill="none" stroke="${heatmapColors.mark}" ${line}`;
  const marks: Partial<Record<DayState, string>> = {
    done: `<path d="M${at(7, 12.5)} L${at(10.5, 16)} L${at(17, 8.5)}" ${stroke}/>`,
    missed: `<path d="M${at(8.5, 8.5)} L${at(15.5, 15.5)} M${at(15.5, 8.5)} L${at(8.5, 15.5)}" ${stroke}/>`,
    paused:
      `<path d="M${at(10, 8)} L${at(10, 16)} M${at(14, 8)} L${at(14, 16)}" ` +
      `${stroke.replace(heatmapColors.mark, heatmapColors.card)}/>`,
    // A six-armed snowflake: a freeze kept the streak alive that day.
    frozen:
      `<path d="M${at(12, 6.5)} L${at(12, 17.5)} M${at(7.2, 9.2)} L${at(16.8, 14.8)} ` +
      `M${at(16.8, 9.2)} L${at(7.2, 14.8)}" ${stroke}/>`,
  };
  return marks[state] ? `${rect}${marks[state]}` : rect;
}

function drawLegend(top: number): string[] {
  const { padding } = heatmapLayout;
  const size = 12;
  const [columns, columnWidth] = [4, 88];
  return legendItems.flatMap(([state, label], i) => {
    const x = padding + (i % columns) * columnWidth;
    const y = top + Math.floor(i / columns) * 20;
    return [
      `<rect x="${x}" y="${y}" width="${size}" height="${size}" rx="3" fill="${heatmapColors[state]}" ` +
        `stroke="${heatmapColors.border}" stroke-width="0.5"/>`,
      text(x + size + 6, y + 10, label, heatmapColors.muted, 'font-size="11"'),
    ];
  });
}

function text(x: number, y: number, content: string, fill: string, extra = ''): string {
  return `<text x="${x}" y="${y}" fill="${fill}" ${extra}>${escapeXml(content)}</text>`;
}

function truncate(value: string, max: number): string {
  const chars = Array.from(value.replace(/\s+/g, ' ').trim());
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters XML 1.0 forbids
const xmlControl = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const xmlForbidden = new RegExp(`${xmlControl.source}|${loneSurrogate.source}`, 'g');

/** Escapes markup and drops what XML 1.0 forbids outright (control characters, lone surrogates). */
export function escapeXml(value: string): string {
  return value
    .replace(xmlForbidden, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
