import { allItems, type Phase, type Plan, phaseForMonth } from '../plan/model.js';
import { isPaused, type PauseRange, type StreakRules } from './streak.js';
import { addDays, addMonths, compareDates, daysBetween, type LocalDate, planMonthOf, weekdayOf } from './time.js';

export type PlanPosition =
  | { status: 'not_started'; startsInDays: number }
  | { status: 'active'; month: number; week: number; planDay: number; phase: Phase }
  | { status: 'completed'; planDay: number };

/** Paused days in [from, to): each one pushes the rest of the plan back a day (DESIGN.md, phases). */
export function pausedDaysBefore(from: LocalDate, to: LocalDate, pauses: readonly PauseRange[]): number {
  // Clip each pause to [from, to), then merge overlaps so no day is counted twice.
  const spans = pauses
    .map((p) => [maxDate(p.startDate, from), p.endDate === null ? to : minDate(addDays(p.endDate, 1), to)] as const)
    .filter(([start, end]) => compareDates(start, end) < 0)
    .sort(([a], [b]) => compareDates(a, b));
  let count = 0;
  let covered = from; // days before this are already counted
  for (const [start, end] of spans) {
    const begin = maxDate(start, covered);
    if (compareDates(begin, end) < 0) count += daysBetween(begin, end);
    covered = maxDate(covered, end);
  }
  return count;
}

/** Where a member stands in the plan on a local date: month, week and phase, shifted by pauses. */
export function planPositionOn(
  plan: Plan,
  start: LocalDate,
  pauses: readonly PauseRange[],
  date: LocalDate,
): PlanPosition {
  if (compareDates(date, start) < 0) return { status: 'not_started', startsInDays: daysBetween(date, start) };
  const planDate = addDays(date, -pausedDaysBefore(start, date, pauses));
  const planDay = daysBetween(start, planDate);
  const month = planMonthOf(start, planDate);
  if (month > plan.months) return { status: 'completed', planDay };
  return { status: 'active', month, week: Math.floor(planDay / 7) + 1, planDay, phase: phaseForMonth(plan, month) };
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
};

export function phaseProgressOn(input: ProgressInput): PhaseProgress {
  const { plan, start, pauses, today } = input;
  const position = planPositionOn(plan, start, pauses, today);
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
  // Phase bounds in plan time (pauses removed): the phase covers plan days [first, end).
  const first = daysBetween(start, addMonths(start, phase.months.from - 1));
  const end = daysBetween(start, addMonths(start, phase.months.to));
  const days = countPhaseDays(input, position.planDay - first);
  const ids = allItems(phase).map((item) => item.id);
  return {
    position,
    elapsedShare: Math.min(1, (position.planDay - first + 1) / (end - first)),
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

function minDate(a: LocalDate, b: LocalDate): LocalDate {
  return compareDates(a, b) <= 0 ? a : b;
}

function maxDate(a: LocalDate, b: LocalDate): LocalDate {
  return compareDates(a, b) >= 0 ? a : b;
}
