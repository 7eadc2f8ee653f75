import { decideDue } from './schedule.js';
import { addDays, instantAt, type LocalDate, localDateOf, type WeekdayName, weekdayOf, weekStartOf } from './time.js';

/**
 * The Monday–Sunday week a summary posted on `postDate` covers: the week it is posted in when
 * posted on Sunday (the default, 18:00), else the last full week before it.
 */
export function summaryWeekOf(postDate: LocalDate): LocalDate {
  const start = weekStartOf(postDate);
  return weekdayOf(postDate) === 'sun' ? start : addDays(start, -7);
}

/** The post date of the summary covering the week that starts on `weekStart`. */
export function summaryPostDate(weekStart: LocalDate, weekday: WeekdayName): LocalDate {
  if (weekday === 'sun') return addDays(weekStart, 6);
  let date = addDays(weekStart, 7);
  while (weekdayOf(date) !== weekday) date = addDays(date, 1);
  return date;
}

/** The first summary still ahead of `now` whose week has no summary row yet (`taken` week starts). */
export function firstSummaryWeek(
  now: Date,
  weekday: WeekdayName,
  time: string,
  timeZone: string,
  taken: ReadonlySet<LocalDate>,
): { weekStart: LocalDate; dueAt: Date } {
  let date = localDateOf(now, timeZone);
  while (weekdayOf(date) !== weekday) date = addDays(date, 1);
  for (; ; date = addDays(date, 7)) {
    const dueAt = instantAt(date, time, timeZone);
    const weekStart = summaryWeekOf(date);
    if (dueAt.getTime() > now.getTime() && !taken.has(weekStart)) return { weekStart, dueAt };
  }
}

/** The summary after the one for `weekStart`. */
export function nextSummaryWeek(
  weekStart: LocalDate,
  weekday: WeekdayName,
  time: string,
  timeZone: string,
): { weekStart: LocalDate; dueAt: Date } {
  const next = addDays(weekStart, 7);
  return { weekStart: next, dueAt: instantAt(summaryPostDate(next, weekday), time, timeZone) };
}

/** How many local days back the already planned or posted weeks must be known to plan the next summary. */
export const summaryLookbackDays = 21;

export type SummarySchedule = { weekday: WeekdayName; time: string; timeZone: string };
export type SummaryWeek = { weekStart: LocalDate; dueAt: Date };
/** What to write: a week to record as missed (skipped), if any, and the next pending summary. */
export type SummaryPlan = { missed: SummaryWeek | null; next: SummaryWeek };

/**
 * Which summary comes next. After a delivered week (`follow.after`) the following week, unless it is
 * already past its grace window: then it is recorded as missed and the first week still ahead is next.
 * Without `follow`: the first week ahead of now that is not `taken`.
 */
export function planSummaryWeeks(
  now: Date,
  schedule: SummarySchedule,
  taken: ReadonlySet<LocalDate>,
  follow?: { after: LocalDate; graceMs: number },
): SummaryPlan {
  const { weekday, time, timeZone } = schedule;
  if (!follow) return { missed: null, next: firstSummaryWeek(now, weekday, time, timeZone, taken) };
  const following = nextSummaryWeek(follow.after, weekday, time, timeZone);
  if (decideDue(following.dueAt, now, follow.graceMs) !== 'too_late') return { missed: null, next: following };
  const next = firstSummaryWeek(now, weekday, time, timeZone, new Set([...taken, following.weekStart]));
  return { missed: following, next };
}
