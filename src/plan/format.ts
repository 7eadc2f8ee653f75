import {
  type MonthRange,
  type Phase,
  type Plan,
  type RoutineDay,
  sectionKeys,
  type Weekday,
  weekdays,
} from './model.js';

// Plain text with the seed's **bold** kept: the outline is shown both in a terminal and in Discord, which renders it.

const weekdayNames: Record<Weekday, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

export function formatMonths({ from, to }: MonthRange): string {
  return from === to ? `Month ${from}` : `Months ${from}–${to}`;
}

export function formatPhase(phase: Phase): string {
  const lines = [`Phase ${phase.number} (${formatMonths(phase.months)}): ${phase.title}`, `  Goal: ${phase.goal}`];
  for (const key of sectionKeys) {
    const section = phase[key];
    lines.push(`  ${section.title}`, ...section.items.map((item) => `    - ${item.text}`));
  }
  return lines.join('\n');
}

export function formatRoutineDay(weekday: Weekday, day: RoutineDay): string {
  const optional = day.optional ? ', optional' : '';
  return `${weekdayNames[weekday]}: ${day.title} — ${day.what} (${day.minutes} min${optional})`;
}

export function formatRoutine(plan: Plan): string {
  const lines = [`Weekly routine (${plan.dailyMinutes} min/day)`];
  for (const weekday of weekdays) lines.push(`  ${formatRoutineDay(weekday, plan.routine[weekday])}`);
  return lines.join('\n');
}

/** The whole plan as an outline: header, each phase with goal and sections, then the weekly routine. */
export function formatPlan(plan: Plan): string {
  const header = `${plan.name} — ${plan.months} months, ${plan.dailyMinutes} min/day`;
  return [header, ...plan.phases.map(formatPhase), formatRoutine(plan)].join('\n\n');
}
