import type { Phase, Plan } from '../plan/model.js';
import type { PauseRange } from './streak.js';
import { addDays, addMonths, compareDates, daysBetween, type LocalDate } from './time.js';

/**
 * An extension of a phase chosen at its review: `days` more of the same phase, inserted at the phase's
 * (already extended) end. Like a pause in which the member keeps working, it shifts the rest of the plan.
 */
export type Extension = { phase: number; days: number };

/**
 * A phase in work days: days since plan start with paused days removed (a paused day shifts the rest
 * of the plan by a day). The phase's planned days are [first, plannedEnd), its extensions [plannedEnd, end).
 */
export type PhaseSpan = {
  phase: Phase;
  first: number;
  plannedEnd: number;
  end: number;
  /** The days of each extension, in the order they were chosen. */
  extensions: readonly number[];
  /** Extension days of earlier phases: plan day = work day - shift (before this phase's own extensions). */
  shift: number;
};

/** Each phase's work-day span, shifted by the extensions of the phases before it. */
export function phaseSpans(plan: Plan, start: LocalDate, extensions: readonly Extension[]): PhaseSpan[] {
  let shift = 0;
  return plan.phases.map((phase) => {
    const own = extensions.filter((e) => e.phase === phase.number).map((e) => e.days);
    const first = daysBetween(start, addMonths(start, phase.months.from - 1)) + shift;
    const plannedEnd = daysBetween(start, addMonths(start, phase.months.to)) + shift;
    const span = { phase, first, plannedEnd, end: plannedEnd + sum(own), extensions: own, shift };
    shift += sum(own);
    return span;
  });
}

/** Days from plan start to `date` that were not paused (the work day of `date`; 0 on the start date). */
export function workDayOf(start: LocalDate, pauses: readonly PauseRange[], date: LocalDate): number {
  return daysBetween(start, date) - pausedDaysBefore(start, date, pauses);
}

/**
 * The first local date, not paused, whose work day is `workDay`: where a phase boundary falls. A pause
 * still open counts as ending the day before `asOf` (as if the member resumed that day).
 */
export function dateOfWorkDay(
  start: LocalDate,
  pauses: readonly PauseRange[],
  workDay: number,
  asOf: LocalDate,
): LocalDate {
  const closed = pauses.map((p) => ({ startDate: p.startDate, endDate: p.endDate ?? addDays(asOf, -1) }));
  let date = addDays(start, workDay);
  // Spans sorted by start and merged: each one that begins on or before the candidate pushes it back.
  for (const [from, to] of mergedSpans(closed, start, undefined)) {
    if (compareDates(from, date) <= 0) date = addDays(date, daysBetween(from, to));
  }
  return date;
}

/** Paused days in [from, to): each one pushes the rest of the plan back a day (DESIGN.md, phases). */
export function pausedDaysBefore(from: LocalDate, to: LocalDate, pauses: readonly PauseRange[]): number {
  return mergedSpans(pauses, from, to).reduce((count, [start, end]) => count + daysBetween(start, end), 0);
}

/** Pauses clipped to [from, to) (no end: open-ended), as half-open [start, end) spans, sorted, overlaps merged. */
function mergedSpans(
  pauses: readonly PauseRange[],
  from: LocalDate,
  to: LocalDate | undefined,
): (readonly [LocalDate, LocalDate])[] {
  const clip = (end: LocalDate) => (to === undefined ? end : minDate(end, to));
  const spans = pauses
    .filter((p) => p.endDate !== null || to !== undefined)
    .map((p) => [maxDate(p.startDate, from), clip(p.endDate === null ? (to ?? from) : addDays(p.endDate, 1))] as const)
    .filter(([start, end]) => compareDates(start, end) < 0)
    .sort(([a], [b]) => compareDates(a, b));
  const merged: [LocalDate, LocalDate][] = [];
  for (const [start, end] of spans) {
    const last = merged.at(-1);
    if (last && compareDates(start, last[1]) <= 0) last[1] = maxDate(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

export function minDate(a: LocalDate, b: LocalDate): LocalDate {
  return compareDates(a, b) <= 0 ? a : b;
}

export function maxDate(a: LocalDate, b: LocalDate): LocalDate {
  return compareDates(a, b) >= 0 ? a : b;
}
