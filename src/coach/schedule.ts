import { addDays, instantAt, type LocalDate, localDateOf } from './time.js';

/** When a member's nudge for a local date is due: their wall-clock time, DST rules applied. */
export function nudgeDueAt(date: LocalDate, nudgeTime: string, timeZone: string): Date {
  return instantAt(date, nudgeTime, timeZone);
}

/**
 * The first local date whose nudge is still ahead of `now` and not already planned or sent
 * (`taken`). Used on enrollment and after a settings change, so a new member is not nudged
 * "late" for a time that passed before they joined, and no date gets a second nudge.
 */
export function firstNudgeDate(
  now: Date,
  nudgeTime: string,
  timeZone: string,
  taken: ReadonlySet<LocalDate>,
): LocalDate {
  let date = localDateOf(now, timeZone);
  // Two steps always suffice: tomorrow's time is at least ~22 hours ahead even across DST.
  for (let step = 0; step < 3; step += 1) {
    if (!taken.has(date) && nudgeDueAt(date, nudgeTime, timeZone).getTime() > now.getTime()) return date;
    date = addDays(date, 1);
  }
  return date;
}

export type DueDecision = 'wait' | 'send' | 'too_late';

/** After downtime a delivery within its grace window is sent late, once; an older one is skipped. */
export function decideDue(dueAt: Date, now: Date, graceMs: number): DueDecision {
  const lateness = now.getTime() - dueAt.getTime();
  if (lateness < 0) return 'wait';
  return lateness <= graceMs ? 'send' : 'too_late';
}

// After long downtime, at most this many missed dates are recorded as skipped one by one.
const maxRecordedMisses = 7;
/** How many local days back the already planned or sent dates must be known to plan the next nudge. */
export const nudgeLookbackDays = maxRecordedMisses + 2;

export type NudgeSchedule = { nudgeTime: string; timeZone: string };
/** What to write: dates to record as missed (skipped), and the date of the next pending nudge. */
export type NudgePlan = { missed: LocalDate[]; next: LocalDate };

/**
 * Which nudge comes next. After a delivered date (`follow.after`) the next date follows it, and dates
 * already past their grace window are recorded as missed (DESIGN.md: after downtime, what is older is
 * skipped and recorded), at most `maxRecordedMisses` of them; past that the plan jumps to the first date
 * still ahead. Without `follow` (enrollment, a settings change): the first date ahead that is not `taken`.
 */
export function planNudgeDates(
  now: Date,
  schedule: NudgeSchedule,
  taken: ReadonlySet<LocalDate>,
  follow?: { after: LocalDate; graceMs: number },
): NudgePlan {
  const { nudgeTime, timeZone } = schedule;
  if (!follow) return { missed: [], next: firstNudgeDate(now, nudgeTime, timeZone, taken) };
  const missed: LocalDate[] = [];
  let date = addDays(follow.after, 1);
  while (decideDue(nudgeDueAt(date, nudgeTime, timeZone), now, follow.graceMs) === 'too_late') {
    if (missed.length === maxRecordedMisses) {
      return { missed, next: firstNudgeDate(now, nudgeTime, timeZone, new Set([...taken, ...missed])) };
    }
    missed.push(date);
    date = addDays(date, 1);
  }
  return { missed, next: date };
}
