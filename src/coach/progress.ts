import { allItems, type Phase, type Plan } from '../plan/model.js';
import { isPaused, type PauseRange, type StreakRules } from './streak.js';
import { addDays, compareDates, daysBetween, type LocalDate, planMonthOf, weekdayOf } from './time.js';
import { type Extension, phaseSpans, workDayOf } from './timeline.js';

export type PlanPosition =
  | { status: 'not_started'; startsInDays: number }
  | {
      status: 'active';
      month: number;
      week: number;
      planDay: number;
      phase: Phase;
      /** Set while the member works in an extension of the phase (the plan stands still, like a pause). */
      extension?: { week: number; weeks: number; day: number };
    }
  | { status: 'completed'; planDay: number };

export { pausedDaysBefore } from './timeline.js';

/** Where a member stands in the plan on a local date: month, week and phase, shifted by pauses and extensions. */
export function planPositionOn(
  plan: Plan,
  start: LocalDate,
  pauses: readonly PauseRange[],
  date: LocalDate,
  extensions: readonly Extension[] = [],
): PlanPosition {
  if (compareDates(date, start) < 0) return { status: 'not_started', startsInDays: daysBetween(date, start) };
  const workDay = workDayOf(start, pauses, date);
  const spans = phaseSpans(plan, start, extensions);
  const span = spans.find((s) => workDay < s.end);
  if (!span) return { status: 'completed', planDay: workDay - extensions.reduce((n, e) => n + e.days, 0) };
  const { phase } = span;
  if (workDay < span.plannedEnd) {
    const planDay = workDay - span.shift;
    const month = planMonthOf(start, addDays(start, planDay));
    return { status: 'active', month, week: Math.floor(planDay / 7) + 1, planDay, phase };
  }
  // In an extension the plan stands still on the phase's last planned day.
  const planDay = span.plannedEnd - span.shift - 1;
  const day = workDay - span.plannedEnd;
  const extension = { week: Math.floor(day / 7) + 1, weeks: Math.ceil((span.end - span.plannedEnd) / 7), day };
  return { status: 'active', month: phase.months.to, week: Math.floor(planDay / 7) + 1, planDay, phase, extension };
}

export type PhaseProgress = {
  position: PlanPosition;
  /** Share of the phase's days behind the member, 0..1. */
  elapsedShare: number;
  /** Days checked in during this phase so far, against the routine's required (non-optional) days so far. */
  daysDone: number;
  daysRequired: number;
  milestonesDone: number;
  milestonesTotal: number;
};

export type ProgressInput = {
  plan: Plan;
  start: LocalDate;
  pauses: readonly PauseRange[];
  checkinDates: ReadonlySet<LocalDate>;
  milestoneIds: ReadonlySet<string>;
  rules: StreakRules;
  today: LocalDate;
  /** Extensions chosen at phase reviews (none: the plan as planned). */
  extensions?: readonly Extension[];
};

export function phaseProgressOn(input: ProgressInput): PhaseProgress {
  const { plan, start, pauses, today, extensions = [] } = input;
  const position = planPositionOn(plan, start, pauses, today, extensions);
  if (position.status !== 'active') {
    return {
      position,
      elapsedShare: position.status === 'completed' ? 1 : 0,
      daysDone: 0,
      daysRequired: 0,
      milestonesDone: 0,
      milestonesTotal: 0,
    };
  }
  const { phase } = position;
  // Phase bounds in work days (pauses removed, extensions included): the phase covers [first, end).
  const span = phaseSpans(plan, start, extensions).find((s) => s.phase.number === phase.number);
  const workDay = workDayOf(start, pauses, today);
  const first = span?.first ?? workDay;
  const end = span?.end ?? workDay + 1;
  const days = countPhaseDays(input, workDay - first);
  const ids = allItems(phase).map((item) => item.id);
  return {
    position,
    elapsedShare: Math.min(1, (workDay - first + 1) / (end - first)),
    ...days,
    milestonesDone: ids.filter((id) => input.milestoneIds.has(id)).length,
    milestonesTotal: ids.length,
  };
}

/** Walks back from today over the phase's unpaused days so far, counting required and done days. */
function countPhaseDays(input: ProgressInput, unpausedDaysBack: number): { daysDone: number; daysRequired: number } {
  let daysDone = 0;
  let daysRequired = 0;
  let remaining = unpausedDaysBack + 1; // today included
  for (let day = input.today; remaining > 0 && compareDates(day, input.start) >= 0; day = addDays(day, -1)) {
    if (isPaused(day, input.pauses)) continue;
    remaining -= 1;
    const done = input.checkinDates.has(day);
    const required = !input.rules.optionalWeekdays.has(weekdayOf(day));
    if (required) daysRequired += 1;
    if (done) daysDone += 1;
  }
  return { daysDone, daysRequired };
}
