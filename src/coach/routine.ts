import { type Plan, type RoutineDay, weekdays } from '../plan/model.js';
import type { StreakRules } from './streak.js';
import { type LocalDate, weekdayOf } from './time.js';

/** The plan's routine day for a local date (Mon–Wed coding, Thu open source, …). */
export function routineOn(plan: Plan, date: LocalDate): RoutineDay {
  return plan.routine[weekdayOf(date)];
}

/** Streaks skip the plan's optional days (the Saturday deep dive) instead of breaking on them. */
export function streakRulesFor(plan: Plan): StreakRules {
  return { optionalWeekdays: new Set(weekdays.filter((day) => plan.routine[day].optional)) };
}
