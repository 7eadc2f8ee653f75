import { type ActivityKind, activityKinds, allItems, type Plan } from '../plan/model.js';
import type { HistoryEntry } from './member-days.js';
import { planPositionOn } from './progress.js';
import type { PauseRange } from './streak.js';
import type { LocalDate } from './time.js';

// The files of /export, built from rows the store loaded: pure, so a test can parse exactly what is sent.

/** A check-in as /history lists it, with the moment it was recorded. */
export type ExportCheckin = HistoryEntry & { createdAt: Date };

const csvColumns = ['id', 'local_date', 'activity', 'minutes', 'note', 'link', 'created_at'] as const;

/** RFC 4180: CRLF between records; a field with a comma, quote, CR or LF is quoted, quotes doubled. */
export function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function checkinsCsv(rows: readonly ExportCheckin[]): string {
  const records = rows.map((c) =>
    [c.id, c.localDate, c.activity, c.minutes, c.note, c.link, c.createdAt.toISOString()].map(csvField).join(','),
  );
  return `${[csvColumns.join(','), ...records].join('\r\n')}\r\n`;
}

export type BragInput = {
  plan: Plan;
  name: string;
  today: LocalDate;
  planStartDate: LocalDate;
  pauses: readonly PauseRange[];
  checkins: readonly ExportCheckin[];
  milestones: readonly { milestoneId: string; localDate: LocalDate }[];
  longestStreak: number;
  /** Days a streak freeze covered (spent on a missed day or taken as a rest day). */
  freezesUsed?: number;
  activityLabels: Record<ActivityKind, string>;
};

/** Markdown a member can paste into a performance review or a CV: outputs by phase and activity, milestones, totals. */
export function bragDocument(input: BragInput): string {
  const { checkins } = input;
  const minutes = checkins.reduce((total, c) => total + c.minutes, 0);
  const days = new Set(checkins.map((c) => c.localDate)).size;
  const lines = [
    `# Brag document: ${oneLine(input.name)}`,
    '',
    `Generated on ${input.today} by career-coach from the plan started on ${input.planStartDate}.`,
    '',
    '## Totals',
    '',
    `- Days with a check-in: ${days}`,
    `- Check-ins: ${checkins.length}`,
    `- Minutes: ${minutes} (${(minutes / 60).toFixed(1)} hours)`,
    `- Longest streak: ${input.longestStreak} day${input.longestStreak === 1 ? '' : 's'}`,
    ...(input.freezesUsed ? [`- Streak freezes used: ${input.freezesUsed} (missed days and rest days covered)`] : []),
    '',
    '## Outputs',
    '',
    ...outputLines(input),
    '## Milestones',
    '',
    ...milestoneLines(input),
  ];
  return `${lines.join('\n')}\n`;
}

function phaseHeading(input: BragInput, date: LocalDate): string {
  const position = planPositionOn(input.plan, input.planStartDate, input.pauses, date);
  if (position.status === 'active') return `Phase ${position.phase.number} · ${position.phase.title}`;
  return position.status === 'not_started' ? 'Before the plan started' : 'After the plan';
}

function outputLines(input: BragInput): string[] {
  const withLinks = [...input.checkins]
    .filter((c) => c.link !== null)
    .sort((a, b) => a.localDate.localeCompare(b.localDate) || a.id - b.id);
  if (withLinks.length === 0) return ['No links checked in yet.', ''];
  const byPhase = new Map<string, ExportCheckin[]>();
  for (const c of withLinks) {
    const heading = phaseHeading(input, c.localDate);
    byPhase.set(heading, [...(byPhase.get(heading) ?? []), c]);
  }
  return [...byPhase].flatMap(([heading, rows]) => [
    `### ${heading}`,
    '',
    ...activityKinds.flatMap((kind) => {
      const ofKind = rows.filter((c) => c.activity === kind);
      if (ofKind.length === 0) return [];
      const items = ofKind.map((c) => `- ${c.localDate}: ${c.note ? `${oneLine(c.note)} ` : ''}<${c.link}>`);
      return [`#### ${input.activityLabels[kind]}`, '', ...items, ''];
    }),
  ]);
}

function milestoneLines(input: BragInput): string[] {
  if (input.milestones.length === 0) return ['No milestones marked yet.'];
  const items = new Map(
    input.plan.phases.flatMap((phase) => allItems(phase).map((item) => [item.id, { phase, item }] as const)),
  );
  return [...input.milestones]
    .sort((a, b) => a.localDate.localeCompare(b.localDate))
    .map((m) => {
      const found = items.get(m.milestoneId);
      const text = found ? `Phase ${found.phase.number}: ${found.item.text}` : m.milestoneId;
      return `- ${m.localDate}: ${oneLine(text)}`;
    });
}

/** Notes keep their words but not their line breaks, which would end a list item. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
