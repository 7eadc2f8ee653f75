import {
  addDays,
  compareDates,
  type LocalDate,
  localDateOf,
  localMinutesOf,
  type WeekdayName,
  weekdayOf,
} from './time.js';

export type PauseRange = { startDate: LocalDate; endDate: LocalDate | null };
export type StreakRules = { optionalWeekdays: ReadonlySet<WeekdayName> };
/** The streak as of its last counted day; `currentStreakOn` derives today's value from it. */
export type StreakState = { current: number; best: number; lastDate: LocalDate | null };

export const emptyStreak: StreakState = { current: 0, best: 0, lastDate: null };

export function isPaused(date: LocalDate, pauses: readonly PauseRange[]): boolean {
  return pauses.some(
    (p) => compareDates(p.startDate, date) <= 0 && (p.endDate === null || compareDates(date, p.endDate) <= 0),
  );
}

/** A day that neither counts nor breaks a streak: an optional routine day (Saturday) or a paused day. */
export function isNeutralDay(date: LocalDate, pauses: readonly PauseRange[], rules: StreakRules): boolean {
  return rules.optionalWeekdays.has(weekdayOf(date)) || isPaused(date, pauses);
}

/** True when every day strictly between `from` and `to` is neutral, so a streak carries across. */
function bridges(from: LocalDate, to: LocalDate, pauses: readonly PauseRange[], rules: StreakRules): boolean {
  for (let day = addDays(from, 1); compareDates(day, to) < 0; day = addDays(day, 1)) {
    if (!isNeutralDay(day, pauses, rules)) return false;
  }
  return true;
}

/** Recomputes the streak from the whole check-in history (any order, duplicates allowed). */
export function computeStreak(
  checkinDates: Iterable<LocalDate>,
  pauses: readonly PauseRange[],
  rules: StreakRules,
): StreakState {
  // A check-in on a paused day is kept in the history but does not count (DESIGN.md, streaks).
  const counted = [...new Set(checkinDates)].filter((d) => !isPaused(d, pauses)).sort(compareDates);
  let state = emptyStreak;
  for (const date of counted) {
    const carries = state.lastDate !== null && bridges(state.lastDate, date, pauses, rules);
    const current = carries ? state.current + 1 : 1;
    state = { current, best: Math.max(state.best, current), lastDate: date };
  }
  return state;
}

/** The streak a member sees on `today`: today itself never breaks it (the day is not over yet). */
export function currentStreakOn(
  state: StreakState,
  today: LocalDate,
  pauses: readonly PauseRange[],
  rules: StreakRules,
): number {
  if (state.lastDate === null || compareDates(state.lastDate, today) > 0) return 0;
  if (state.lastDate === today) return state.current;
  return bridges(state.lastDate, today, pauses, rules) ? state.current : 0;
}

export type CheckinDay = 'today' | 'yesterday';

/**
 * The local date a check-in is for. Yesterday is accepted only during the first `graceHours`
 * of today (local wall clock); later it returns undefined.
 */
export function checkinDateFor(
  day: CheckinDay,
  now: Date,
  timeZone: string,
  graceHours: number,
): LocalDate | undefined {
  const today = localDateOf(now, timeZone);
  if (day === 'today') return today;
  return localMinutesOf(now, timeZone) < graceHours * 60 ? addDays(today, -1) : undefined;
}
