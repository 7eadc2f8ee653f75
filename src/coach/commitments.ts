import { z } from 'zod';
import { UserFacingError } from './errors.js';
import {
  addDays,
  type LocalDate,
  localDateOf,
  type WeekdayName,
  weekdayNames,
  weekdayOf,
  weekStartOf,
} from './time.js';

// The Sunday loop (DESIGN.md): a reflection belongs to the local week it is submitted in, and its
// commitments are for the week after. The columns are text; these limits are what the form and the
// CHECK constraints allow (a commitment is one line of a DM, not an essay).
export const reflectionLimits = {
  textMax: 1000,
  commitmentsMax: 3,
  commitmentMax: 100,
  // Three commitments of 100 with a weekday in front and blank lines between still fit.
  commitmentsFieldMax: 500,
} as const;

export type ParsedCommitment = { position: number; weekday: WeekdayName | null; text: string };
export type ReflectionInput = { wentWell: string; inTheWay: string; commitments: ParsedCommitment[] };

/** The form's fields as the member sees them (the modal's labels), for error messages. */
export const reflectionFieldLabels = {
  wentWell: 'What went well',
  inTheWay: 'What got in the way',
  commitments: 'Commitments for next week',
} as const;

const dayWords: Record<string, WeekdayName> = {};
for (const [day, spellings] of Object.entries({
  mon: ['mon', 'monday'],
  tue: ['tue', 'tues', 'tuesday'],
  wed: ['wed', 'weds', 'wednesday'],
  thu: ['thu', 'thur', 'thurs', 'thursday'],
  fri: ['fri', 'friday'],
  sat: ['sat', 'saturday'],
  sun: ['sun', 'sunday'],
}))
  for (const word of spellings) dayWords[word] = day as WeekdayName;
// "Thu: x", "thursday: x", "thu - x", "Thu – x". A dash needs a space before it, so "sat-night hack" stays undated.
const datedLine = /^([a-z]+)(?:\s*:|\s+[-–—])\s*(.*)$/i;

/** One commitment line: an optional leading weekday, then the text. */
export function parseCommitmentLine(line: string): { weekday: WeekdayName | null; text: string } {
  const match = datedLine.exec(line);
  const weekday = match ? dayWords[(match[1] ?? '').toLowerCase()] : undefined;
  if (!match || !weekday) return { weekday: null, text: line };
  return { weekday, text: (match[2] ?? '').trim() };
}

const noNul = (text: string) => !text.includes('\u0000');
const freeText = z
  .string()
  .trim()
  .max(reflectionLimits.textMax, `must be at most ${reflectionLimits.textMax} characters`)
  .refine(noNul, 'must not contain NUL characters');

const commitmentsField = z
  .string()
  .max(reflectionLimits.commitmentsFieldMax, `must be at most ${reflectionLimits.commitmentsFieldMax} characters`)
  .refine(noNul, 'must not contain NUL characters')
  .transform((raw, ctx) => {
    const lines = raw
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line.length > 0);
    const { commitmentsMax, commitmentMax } = reflectionLimits;
    if (lines.length > commitmentsMax) {
      ctx.addIssue({
        code: 'custom',
        message: `at most ${commitmentsMax}, one per line (you wrote ${lines.length}); pick the ones that matter most`,
      });
      return z.NEVER;
    }
    const parsed = lines.map((line, i) => ({ position: i + 1, ...parseCommitmentLine(line) }));
    for (const c of parsed) {
      if (c.text.length === 0) ctx.addIssue({ code: 'custom', message: `line ${c.position} names a day but no task` });
      else if (c.text.length > commitmentMax)
        ctx.addIssue({
          code: 'custom',
          message: `line ${c.position} is ${c.text.length} characters; keep each one to ${commitmentMax} at most`,
        });
    }
    return parsed;
  });

export const reflectionSchema = z.object({
  wentWell: freeText,
  inTheWay: freeText,
  commitments: commitmentsField,
});

/**
 * Validates the reflection form. Every field may be left empty (the modal marks none required), but not
 * all of them: an empty form is refused, naming what to fill in. Errors name the field by its label.
 */
export function parseReflection(raw: { wentWell: string; inTheWay: string; commitments: string }): ReflectionInput {
  const result = reflectionSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = String(issue?.path[0] ?? 'commitments') as keyof typeof reflectionFieldLabels;
    throw new UserFacingError(`${reflectionFieldLabels[field] ?? field}: ${issue?.message ?? 'is not valid'}`, field);
  }
  const input = result.data;
  if (!input.wentWell && !input.inTheWay && input.commitments.length === 0)
    throw new UserFacingError(
      'The form was empty, so nothing was saved. Write what went well, what got in the way, ' +
        'or up to 3 commitments for next week (one per line).',
      'form',
    );
  return input;
}

/** The member's week now, and the week the commitments they write now are for. */
export function reflectionWeekAt(
  now: Date,
  timeZone: string,
): { today: LocalDate; weekStart: LocalDate; for: LocalDate } {
  const today = localDateOf(now, timeZone);
  const weekStart = weekStartOf(today);
  return { today, weekStart, for: addDays(weekStart, 7) };
}

type Dated = { position: number; weekday: WeekdayName | null };

/**
 * The commitment(s) a nudge on `date` quotes, from that week's commitments: those dated for its weekday;
 * else one undated commitment, rotating in order over the days that no commitment is dated for
 * (the i-th free day of the week, Monday first, quotes undated commitment i mod their count).
 */
export function commitmentsOn<T extends Dated>(date: LocalDate, weekCommitments: readonly T[]): T[] {
  const day = weekdayOf(date);
  const sorted = [...weekCommitments].sort((a, b) => a.position - b.position);
  const dated = sorted.filter((c) => c.weekday === day);
  if (dated.length > 0) return dated;
  const undated = sorted.filter((c) => c.weekday === null);
  if (undated.length === 0) return [];
  const taken = new Set(sorted.map((c) => c.weekday));
  const free = weekdayNames.filter((d) => !taken.has(d));
  const pick = undated[free.indexOf(day) % undated.length];
  return pick ? [pick] : [];
}

/** "kept 2 of 3": commitments marked done, of those made for the week. */
export function keptCount(weekCommitments: readonly { doneOn: LocalDate | null }[]): { kept: number; total: number } {
  return { kept: weekCommitments.filter((c) => c.doneOn !== null).length, total: weekCommitments.length };
}
