import { isNeutralDay, isPaused, type PauseRange, type StreakRules } from './streak.js';
import { addDays, compareDates, type LocalDate, weekdayOf } from './time.js';
import { maxDate } from './timeline.js';
import type { TodayPlan } from './today.js';

export type CoachNote = { kind: 'comeback' | 'acknowledgement'; text: string };

export type CoachNoteInput = {
  date: LocalDate;
  /** The first day that can count as missed (the plan start). */
  activeFrom: LocalDate;
  /** The last day counted for the streak (the stored streak's last date): every later day went unlogged. */
  lastCheckinDate: LocalDate | null;
  /** The member's check-in dates of at least the seven days before `date`. */
  recentCheckins: ReadonlySet<LocalDate>;
  pauses: readonly PauseRange[];
  rules: StreakRules;
  today: TodayPlan;
};

/** After this many missed required days in a row the next nudge is a comeback message. */
export const comebackAfterMissedDays = 2;

/**
 * Required days missed since the last check-in, before `date` (today is not over yet). Paused and optional
 * days are neutral. Counts up to `limit` only: the nudge needs to know "two or more", not how many.
 */
export function missedRequiredDaysBefore(
  input: Pick<CoachNoteInput, 'date' | 'activeFrom' | 'lastCheckinDate' | 'pauses' | 'rules'>,
  limit = comebackAfterMissedDays,
): number {
  const from = input.lastCheckinDate ? maxDate(addDays(input.lastCheckinDate, 1), input.activeFrom) : input.activeFrom;
  let missed = 0;
  for (let day = addDays(input.date, -1); compareDates(day, from) >= 0 && missed < limit; day = addDays(day, -1)) {
    if (!isNeutralDay(day, input.pauses, input.rules)) missed += 1;
  }
  return missed;
}

/** The note a nudge opens with: a comeback after missed days, or Monday's acknowledgement of a full week. */
export function coachNoteFor(input: CoachNoteInput): CoachNote | undefined {
  if (missedRequiredDaysBefore(input) >= comebackAfterMissedDays) {
    return {
      kind: 'comeback',
      text:
        `👋 Welcome back. A few days slipped by; that happens to everyone. Start small today: ` +
        `${shortestStep(input.today)}. 20 minutes counts.`,
    };
  }
  const week = fullWeekBefore(input);
  if (week) {
    return {
      kind: 'acknowledgement',
      text: `👏 Every required day done last week (${week} of ${week}). That is how a year of progress is built.`,
    };
  }
  return undefined;
}

/** On a Monday: the number of required days of last week (Monday–Sunday) when every one was done. */
function fullWeekBefore(input: CoachNoteInput): number | undefined {
  if (weekdayOf(input.date) !== 'mon') return undefined;
  let required = 0;
  for (let back = 7; back >= 1; back -= 1) {
    const day = addDays(input.date, -back);
    if (compareDates(day, input.activeFrom) < 0 || isPaused(day, input.pauses)) continue;
    if (input.rules.optionalWeekdays.has(weekdayOf(day))) continue;
    if (!input.recentCheckins.has(day)) return undefined;
    required += 1;
  }
  return required > 0 ? required : undefined;
}

/** The smallest piece of today's routine that still moves the plan. */
function shortestStep(today: TodayPlan): string {
  if (today.routine.activity === 'coding') return 'one algorithm problem (the design topic can wait)';
  return today.focus ? today.focus.text : today.routine.what;
}
