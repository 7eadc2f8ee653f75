import { type Phase, type Plan, type PlanItem, phaseForMonth, type RoutineDay, weekdays } from '../plan/model.js';
import { type PlanPosition, planPositionOn } from './progress.js';
import type { PauseRange } from './streak.js';
import { type LocalDate, type WeekdayName, weekdayOf } from './time.js';
import type { Extension } from './timeline.js';

export type TodayPlan = {
  date: LocalDate;
  weekday: WeekdayName;
  routine: RoutineDay;
  position: PlanPosition;
  /** The phase whose items fit today (the first phase before the start, the last one after the end). */
  phase: Phase;
  /** One item of the phase that fits today's activity, rotating so consecutive weeks differ. */
  focus: PlanItem | undefined;
};

/** What the plan asks of a member on a local date: the weekday's routine, made specific by the phase. */
export function todayPlanFor(
  plan: Plan,
  start: LocalDate,
  pauses: readonly PauseRange[],
  date: LocalDate,
  extensions: readonly Extension[] = [],
): TodayPlan {
  const weekday = weekdayOf(date);
  const routine = plan.routine[weekday];
  const position = planPositionOn(plan, start, pauses, date, extensions);
  const phase =
    position.status === 'active'
      ? position.phase
      : position.status === 'completed'
        ? phaseForMonth(plan, plan.months)
        : phaseForMonth(plan, 1);
  // In an extension the plan stands still, but the focus keeps rotating through the phase's items.
  const planDay =
    position.status === 'not_started'
      ? 0
      : position.status === 'active' && position.extension
        ? position.planDay + 1 + position.extension.day
        : position.planDay;
  return { date, weekday, routine, position, phase, focus: rotatingFocus(plan, phase, weekday, planDay) };
}

/**
 * The n-th occurrence of this activity in the plan picks the n-th fitting item (wrapping), so
 * Monday–Wednesday of one week get different items and next week continues where this one ended.
 */
function rotatingFocus(plan: Plan, phase: Phase, weekday: WeekdayName, planDay: number): PlanItem | undefined {
  const activity = plan.routine[weekday].activity;
  const fitting = [phase.skillFocus, phase.practice, phase.positioning]
    .flatMap((s) => s.items)
    .filter((i) => i.activities.includes(activity));
  if (fitting.length === 0) return undefined;
  const daysOfActivity = weekdays.filter((day) => plan.routine[day].activity === activity);
  const occurrence = Math.floor(planDay / 7) * daysOfActivity.length + Math.max(0, daysOfActivity.indexOf(weekday));
  return fitting[occurrence % fitting.length];
}
