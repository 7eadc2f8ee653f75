import { addDays, instantAt, localDateOf, type LocalDate } from './time.js';

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
