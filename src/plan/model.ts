import { z } from 'zod';

export const activityKinds = ['coding', 'open_source', 'writing', 'deep_dive', 'reflection'] as const;
export type ActivityKind = (typeof activityKinds)[number];

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

const month = z.int().min(1).max(12);
const nonEmpty = z.string().trim().min(1);

export const planItemSchema = z.object({
  // Ids are stored by other modules (progress, reminders), so they must stay stable and URL/command-friendly.
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case (e.g. p1-skill-dsa)'),
  text: nonEmpty,
  activities: z.array(z.enum(activityKinds)).min(1),
});

export const sectionSchema = z.object({
  title: nonEmpty,
  items: z.array(planItemSchema).min(1),
});

export const monthRangeSchema = z.object({ from: month, to: month }).superRefine((range, ctx) => {
  if (range.to < range.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be ≥ months.from' });
});

export const phaseSchema = z.object({
  number: z.int().min(1).max(4),
  title: nonEmpty,
  months: monthRangeSchema,
  goal: nonEmpty,
  skillFocus: sectionSchema,
  practice: sectionSchema,
  positioning: sectionSchema,
});

export const routineDaySchema = z.object(
  {
    activity: z.enum(activityKinds),
    title: nonEmpty,
    what: nonEmpty,
    minutes: z.int().min(1).max(600),
    optional: z.boolean(),
  },
  // The default "expected object, received undefined" hides the real problem: a weekday has no routine.
  { error: (iss) => (iss.input === undefined ? 'missing: the routine needs exactly one day per weekday' : undefined) },
);

type Ctx = z.core.$RefinementCtx<{ months: number; dailyMinutes: number; phases: Phase[]; routine: Routine }>;

const monthSpan = (a: number, b: number): string => (a === b ? `month ${a} is` : `months ${a}–${b} are`);

/** Phases must be numbered 1..n in order and tile months 1..plan.months with no gap or overlap. */
function checkPhases(plan: { months: number; phases: Phase[] }, ctx: Ctx): void {
  let nextMonth = 1;
  plan.phases.forEach((phase, i) => {
    if (phase.number !== i + 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['phases', i, 'number'],
        message: `must be ${i + 1} (phases are numbered 1..n in order)`,
      });
    }
    const { from, to } = phase.months;
    if (from > nextMonth) {
      ctx.addIssue({
        code: 'custom',
        path: ['phases', i, 'months', 'from'],
        message: `must be ${nextMonth}: ${monthSpan(nextMonth, from - 1)} not covered by any phase`,
      });
    } else if (from < nextMonth) {
      ctx.addIssue({
        code: 'custom',
        path: ['phases', i, 'months', 'from'],
        message: `must be ${nextMonth}: overlaps the previous phase, which ends at month ${nextMonth - 1}`,
      });
    }
    nextMonth = Math.max(nextMonth, to + 1);
  });
  const last = plan.phases.length - 1;
  if (nextMonth - 1 !== plan.months) {
    ctx.addIssue({
      code: 'custom',
      path: ['phases', last, 'months', 'to'],
      message: `must be ${plan.months} (the plan's months): phases must cover the whole plan`,
    });
  }
}

/** Item ids are references used elsewhere, so a duplicate would make one item unreachable. */
function checkUniqueIds(plan: { phases: Phase[] }, ctx: Ctx): void {
  const seen = new Map<string, string>();
  plan.phases.forEach((phase, i) => {
    for (const key of sectionKeys) {
      phase[key].items.forEach((item, j) => {
        const where = `phases[${i}].${key}.items[${j}]`;
        const first = seen.get(item.id);
        if (first)
          ctx.addIssue({
            code: 'custom',
            path: ['phases', i, key, 'items', j, 'id'],
            message: `duplicate id '${item.id}' (first used at ${first})`,
          });
        else seen.set(item.id, where);
      });
    }
  });
}

/** Required days must fit the daily budget; optional days (the weekend deep dive) may run longer. */
function checkBudget(plan: { dailyMinutes: number; routine: Routine }, ctx: Ctx): void {
  for (const day of weekdays) {
    const { minutes, optional } = plan.routine[day];
    if (!optional && minutes > plan.dailyMinutes) {
      ctx.addIssue({
        code: 'custom',
        path: ['routine', day, 'minutes'],
        message: `must be ≤ dailyMinutes (${plan.dailyMinutes}) unless the day is optional`,
      });
    }
  }
}

const routineSchema = z.record(z.enum(weekdays), routineDaySchema);

export const planSchema = z
  .object({
    name: nonEmpty,
    months: month,
    dailyMinutes: z.int().min(1).max(600),
    phases: z.array(phaseSchema).min(1),
    routine: routineSchema,
  })
  .superRefine((plan, ctx) => {
    checkPhases(plan, ctx);
    checkUniqueIds(plan, ctx);
    checkBudget(plan, ctx);
  });

export type PlanItem = z.infer<typeof planItemSchema>;
export type Section = z.infer<typeof sectionSchema>;
export type MonthRange = z.infer<typeof monthRangeSchema>;
export type Phase = z.infer<typeof phaseSchema>;
export type RoutineDay = z.infer<typeof routineDaySchema>;
export type Routine = z.infer<typeof routineSchema>;
export type Plan = z.infer<typeof planSchema>;

/** The three sections of a phase, in the seed's order. */
export const sectionKeys = ['skillFocus', 'practice', 'positioning'] as const;
export type SectionKey = (typeof sectionKeys)[number];

/** The phase that covers a 1-based plan month; throws if the month is outside the plan. */
export function phaseForMonth(plan: Plan, month: number): Phase {
  const phase = plan.phases.find((p) => p.months.from <= month && month <= p.months.to);
  if (!phase) throw new RangeError(`month ${month} is outside the plan (1–${plan.months})`);
  return phase;
}

export function routineFor(plan: Plan, weekday: Weekday): RoutineDay {
  return plan.routine[weekday];
}

export function allItems(phase: Phase): PlanItem[] {
  return sectionKeys.flatMap((key) => phase[key].items);
}

/** The ids of every item of every phase: what a milestone may name. */
export function planItemIds(plan: Plan): ReadonlySet<string> {
  return new Set(plan.phases.flatMap((phase) => allItems(phase).map((item) => item.id)));
}
