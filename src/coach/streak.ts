import {
  addDays,
  compareDates,
  instantAt,
  type LocalDate,
  localDateOf,
  localMinutesOf,
  type WeekdayName,
  weekdayOf,
} from './time.js';

export type PauseRange = { startDate: LocalDate; endDate: LocalDate | null };
export type StreakRules = { optionalWeekdays: ReadonlySet<WeekdayName> };
/**
 * The streak as of its last day counted or frozen (`lastDate`), with the freezes held after that day;
 * `streakAsOf` derives what the member sees on a later day from it.
 */
export type StreakState = { current: number; best: number; lastDate: LocalDate | null; freezes: number };
export type FrozenDay = { date: LocalDate; kind: 'auto' | 'rest' };
/** The whole recomputation: the state, the days freezes covered, and required days done toward the next freeze. */
export type StreakRecord = { state: StreakState; frozen: FrozenDay[]; toward: number };

export const emptyStreak: StreakState = { current: 0, best: 0, lastDate: null, freezes: 0 };
/** One freeze per 7 consecutive required days done; at most 2 held (DESIGN.md, fair streaks). */
export const freezeRules = { earnEvery: 7, maxHeld: 2 } as const;

export function isPaused(date: LocalDate, pauses: readonly PauseRange[]): boolean {
  return pauses.some(
    (p) => compareDates(p.startDate, date) <= 0 && (p.endDate === null || compareDates(date, p.endDate) <= 0),
  );
}

export function weekdayIsOptional(date: LocalDate, rules: StreakRules): boolean {
  return rules.optionalWeekdays.has(weekdayOf(date));
}

/** A day that neither counts nor breaks a streak: an optional routine day (Saturday) or a paused day. */
export function isNeutralDay(date: LocalDate, pauses: readonly PauseRange[], rules: StreakRules): boolean {
  return rules.optionalWeekdays.has(weekdayOf(date)) || isPaused(date, pauses);
}

/**
 * Recomputes the streak and its freezes from the whole history (any order, duplicates allowed), walking
 * every day from the first counted one to the last check-in or rest day. A required day without a check-in
 * before that last day is over: a freeze covers it if one is held (a frozen day keeps the streak but does not
 * add to it), else the streak ends. One freeze covers one day: a gap of two missed days needs two.
 */
export function recomputeStreak(
  checkinDates: Iterable<LocalDate>,
  pauses: readonly PauseRange[],
  rules: StreakRules,
  restDates: Iterable<LocalDate> = [],
): StreakRecord {
  // A check-in on a paused day is kept in the history but does not count (DESIGN.md, streaks).
  const done = new Set([...checkinDates].filter((d) => !isPaused(d, pauses)));
  const rest = new Set(restDates);
  const counted = [...done].sort(compareDates);
  const first = counted[0];
  const last = [...counted, ...rest].sort(compareDates).at(-1);
  let state = emptyStreak;
  let toward = 0;
  const frozen: FrozenDay[] = [];
  if (first === undefined || last === undefined) return { state, frozen, toward };
  for (let day = first; compareDates(day, last) <= 0; day = addDays(day, 1)) {
    if (isPaused(day, pauses)) continue;
    const optional = rules.optionalWeekdays.has(weekdayOf(day));
    if (done.has(day)) {
      const current = state.current + 1;
      let freezes = state.freezes;
      if (!optional && ++toward === freezeRules.earnEvery) {
        toward = 0;
        freezes = Math.min(freezeRules.maxHeld, freezes + 1);
      }
      state = { current, best: Math.max(state.best, current), lastDate: day, freezes };
    } else if (!optional) {
      toward = 0; // a frozen or missed day interrupts the run of days done
      if (state.freezes > 0) {
        frozen.push({ date: day, kind: rest.has(day) ? 'rest' : 'auto' });
        state = { ...state, lastDate: day, freezes: state.freezes - 1 };
      } else {
        state = { ...state, current: 0 };
      }
    }
  }
  return { state, frozen, toward };
}

/** The stored part of `recomputeStreak`. */
export function computeStreak(
  checkinDates: Iterable<LocalDate>,
  pauses: readonly PauseRange[],
  rules: StreakRules,
  restDates: Iterable<LocalDate> = [],
): StreakState {
  return recomputeStreak(checkinDates, pauses, rules, restDates).state;
}

/** What a member sees on `today`, and what happened since the stored state's last day. */
export type StreakView = {
  current: number;
  best: number;
  freezes: number;
  /** Missed required days since the last stored day that a freeze covered. */
  spent: LocalDate[];
  /** The missed required day that ended the streak because no freeze was held. */
  brokeOn: LocalDate | null;
  /** The streak that day ended (0 when none ended). */
  lost: number;
};

/**
 * Walks the days after the stored state's last day: a missed required day that is over (on or before
 * `endedThrough`, and before today) spends a freeze, or ends the streak when none is held. Days not over yet
 * neither spend nor break: the member can still log them.
 */
export function streakAsOf(
  state: StreakState,
  today: LocalDate,
  endedThrough: LocalDate,
  pauses: readonly PauseRange[],
  rules: StreakRules,
): StreakView {
  const view: StreakView = { current: 0, best: state.best, freezes: 0, spent: [], brokeOn: null, lost: 0 };
  if (state.lastDate === null || compareDates(state.lastDate, today) > 0) return view;
  let { current, freezes } = state;
  const until = compareDates(endedThrough, today) < 0 ? endedThrough : addDays(today, -1);
  for (let day = addDays(state.lastDate, 1); compareDates(day, until) <= 0 && current > 0; day = addDays(day, 1)) {
    if (isNeutralDay(day, pauses, rules)) continue;
    if (freezes > 0) {
      freezes -= 1;
      view.spent.push(day);
    } else {
      view.brokeOn = day;
      view.lost = current;
      current = 0;
    }
  }
  return { ...view, current, freezes };
}

/** The streak a member sees on `today`: today itself never breaks it (the day is not over yet). */
export function currentStreakOn(
  state: StreakState,
  today: LocalDate,
  pauses: readonly PauseRange[],
  rules: StreakRules,
): number {
  return streakAsOf(state, today, addDays(today, -1), pauses, rules).current;
}

/**
 * When a local date is over for the streak: local midnight after it plus the check-in grace (the last moment
 * a check-in for it is accepted). A grace of a day or more ends it the midnight after the next day.
 */
export function dayEndsAt(date: LocalDate, timeZone: string, graceHours: number): Date {
  const minutes = Math.round(graceHours * 60);
  if (minutes >= 1440) return instantAt(addDays(date, 2), '00:00', timeZone);
  const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return instantAt(addDays(date, 1), time, timeZone);
}

/** The last local date that is over at `now` (see `dayEndsAt`). */
export function lastEndedDay(now: Date, timeZone: string, graceHours: number): LocalDate {
  const today = localDateOf(now, timeZone);
  for (let back = 1; back < 3; back += 1) {
    const date = addDays(today, -back);
    if (dayEndsAt(date, timeZone, graceHours).getTime() <= now.getTime()) return date;
  }
  return addDays(today, -3);
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
