import type { ActivityKind } from '../plan/model.js';
import { type FrozenDay, isPaused, type PauseRange, type StreakRules } from './streak.js';
import type { DayState } from './summary-model.js';
import { addDays, compareDates, type LocalDate, weekdayOf, weekStartOf } from './time.js';

// A member's own record, day by day: what /history lists and the personal heatmap draws. The state is the
// weekly summary's DayState, so a new state is added there once and both pictures and this list learn it;
// `dayStateOf` is the one place that decides which state a day is in.

/** Entries this many local days back (today included) can still be edited or deleted. */
export const editableDays = 14;
/** The personal heatmap covers this many weeks, Monday to Sunday, the current week last. */
export const heatmapWeeks = 12;

export type DayFacts = {
  today: LocalDate;
  planStartDate: LocalDate;
  pauses: readonly PauseRange[];
  checkinDates: ReadonlySet<LocalDate>;
  /** The days a freeze covered, as stored by the last streak recomputation (auto-spent or a rest day). */
  frozenDays: readonly FrozenDay[];
  rules: StreakRules;
};

export type HistoryEntry = {
  id: number;
  localDate: LocalDate;
  activity: ActivityKind;
  minutes: number;
  note: string | null;
  link: string | null;
};
/** `paused` and `optional` also mark a day whose state is 'done': a check-in there is kept but neither counts. */
export type HistoryDay = {
  date: LocalDate;
  state: DayState;
  paused: boolean;
  optional: boolean;
  /** How a freeze covered the day: spent automatically, or taken in advance as a rest day. */
  frozen: FrozenDay['kind'] | null;
  entries: HistoryEntry[];
};

/**
 * A check-in wins over everything (a check-in on a paused day is kept but marked paused in /history); a day a
 * freeze covered is frozen, today too (a rest day is taken in advance); today without either is still open,
 * so it is drawn as upcoming rather than missed.
 */
export function dayStateOf(date: LocalDate, facts: DayFacts): DayState {
  if (facts.checkinDates.has(date)) return 'done';
  if (facts.frozenDays.some((f) => f.date === date)) return 'frozen';
  if (compareDates(date, facts.today) >= 0) return 'future';
  if (compareDates(date, facts.planStartDate) < 0) return 'not_started';
  if (isPaused(date, facts.pauses)) return 'paused';
  return facts.rules.optionalWeekdays.has(weekdayOf(date)) ? 'optional' : 'missed';
}

/** The oldest local date whose entries may still be changed. */
export function oldestEditableDate(today: LocalDate): LocalDate {
  return addDays(today, -(editableDays - 1));
}

export function isEditable(date: LocalDate, today: LocalDate): boolean {
  return compareDates(date, oldestEditableDate(today)) >= 0;
}

/** The last `editableDays` local days, newest first, each with its entries in the order they were made. */
export function historyDays(entries: readonly HistoryEntry[], facts: DayFacts): HistoryDay[] {
  return Array.from({ length: editableDays }, (_, i) => {
    const date = addDays(facts.today, -i);
    return {
      date,
      state: dayStateOf(date, facts),
      paused: isPaused(date, facts.pauses),
      optional: facts.rules.optionalWeekdays.has(weekdayOf(date)),
      frozen: facts.frozenDays.find((f) => f.date === date)?.kind ?? null,
      entries: entries.filter((e) => e.localDate === date).sort((a, b) => a.id - b.id),
    };
  });
}

/** `heatmapWeeks` rows of Monday..Sunday, oldest week first, ending with the week that holds today. */
export function heatmapGrid(facts: DayFacts): { weekStart: LocalDate; days: DayState[] }[] {
  const monday = weekStartOf(facts.today);
  return Array.from({ length: heatmapWeeks }, (_, row) => {
    const weekStart = addDays(monday, -7 * (heatmapWeeks - 1 - row));
    return { weekStart, days: Array.from({ length: 7 }, (_, d) => dayStateOf(addDays(weekStart, d), facts)) };
  });
}
