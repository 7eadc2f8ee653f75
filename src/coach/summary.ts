import { type ActivityKind, activityKinds, allItems, type Plan } from '../plan/model.js';
import { planPositionOn } from './progress.js';
import { streakRulesFor } from './routine.js';
import { isPaused } from './streak.js';
import type {
  DayState,
  MemberWeek,
  MinutesByActivity,
  PhaseRef,
  SummaryInput,
  SummaryMemberInput,
  WeekSummary,
} from './summary-model.js';
import { collectOutputs, labelWeek, pickNudge } from './summary-text.js';
import { addDays, compareDates, type LocalDate, type WeekdayName, weekdayOf } from './time.js';

const byName = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** One group's week, Monday..Sunday, as seen on `today` (the group's local date when it is built). */
export function buildWeekSummary(input: SummaryInput): WeekSummary {
  const { plan, weekStart } = input;
  if (weekdayOf(weekStart) !== 'mon') throw new RangeError(`weekStart must be a Monday, got ${weekStart}`);
  const dates = Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
  const weekEnd = addDays(weekStart, 6);
  const inWeek = (date: LocalDate) => compareDates(weekStart, date) <= 0 && compareDates(date, weekEnd) <= 0;
  const listed = input.members
    .filter((m) => m.visibility !== 'hidden')
    .sort((a, b) => byName.compare(a.displayName, b.displayName));
  const members = listed.map((m) => buildMemberWeek(input, dates, m, inWeek));
  // Outputs, milestone names and phase news are public only for members who chose 'full'.
  const full = listed.filter((m) => m.visibility === 'full');
  const itemTexts = new Map(plan.phases.flatMap(allItems).map((item) => [item.id, item.text]));
  const milestones = full
    .flatMap((m) =>
      m.milestones
        .filter((ms) => inWeek(ms.localDate))
        .map((ms) => ({
          member: m.displayName,
          milestoneId: ms.milestoneId,
          text: itemTexts.get(ms.milestoneId) ?? ms.milestoneId,
          localDate: ms.localDate,
        })),
    )
    .sort((a, b) => compareDates(a.localDate, b.localDate));
  const phaseEntries = members.flatMap((m) =>
    m.visibility === 'full' && m.enteredPhase ? [{ member: m.displayName, phase: m.enteredPhase }] : [],
  );
  const totals = {
    minutes: sum(members.map((m) => m.minutes)),
    checkins: sum(members.map((m) => m.checkins)),
    activeMembers: members.filter((m) => m.checkins > 0).length,
    listedMembers: members.length,
    minutesByActivity: sumByActivity(
      members.flatMap((m) => activityKinds.map((activity) => ({ activity, minutes: m.minutesByActivity[activity] }))),
    ),
  };
  return {
    groupName: input.groupName,
    weekStart,
    weekLabel: labelWeek(weekStart, weekEnd),
    dates,
    members,
    hiddenCount: input.members.length - listed.length,
    outputs: collectOutputs(full, inWeek),
    milestones,
    phaseEntries,
    totals,
    nudge: pickNudge(plan, input.members, weekStart),
    quiet: totals.checkins === 0,
  };
}

function buildMemberWeek(
  input: SummaryInput,
  dates: LocalDate[],
  m: SummaryMemberInput,
  inWeek: (d: LocalDate) => boolean,
): MemberWeek {
  const checkins = m.checkins.filter((c) => inWeek(c.localDate));
  const checkinDays = new Set(checkins.map((c) => c.localDate));
  const optional = streakRulesFor(input.plan).optionalWeekdays;
  const days = dates.map((date) => dayStateOn(date, m, checkinDays, input.today, optional));
  const weekEnd = addDays(input.weekStart, 6);
  const lastElapsed =
    compareDates(input.today, input.weekStart) < 0
      ? null
      : compareDates(input.today, weekEnd) < 0
        ? input.today
        : weekEnd;
  return {
    displayName: m.displayName,
    visibility: m.visibility === 'full' ? 'full' : 'counts',
    days,
    daysDone: days.filter((d) => d === 'done').length,
    checkins: checkins.length,
    minutes: sum(checkins.map((c) => c.minutes)),
    minutesByActivity: sumByActivity(checkins),
    milestones: m.milestones.filter((ms) => inWeek(ms.localDate)).length,
    streak: { current: m.streak.current, best: m.streak.best },
    enteredPhase:
      lastElapsed === null ? null : phaseEnteredBy(input.plan, m, addDays(input.weekStart, -1), lastElapsed),
    commitments: m.visibility === 'full' && m.commitments && m.commitments.total > 0 ? m.commitments : null,
  };
}

function dayStateOn(
  date: LocalDate,
  m: SummaryMemberInput,
  checkinDays: ReadonlySet<LocalDate>,
  today: LocalDate,
  optional: ReadonlySet<WeekdayName>,
): DayState {
  // A check-in wins over everything: a member ahead of the group's time zone may already be on "tomorrow".
  if (checkinDays.has(date)) return 'done';
  if (m.frozenDates?.includes(date)) return 'frozen';
  if (compareDates(date, today) > 0) return 'future';
  if (compareDates(date, m.planStartDate) < 0) return 'not_started';
  if (isPaused(date, m.pauses)) return 'paused';
  return optional.has(weekdayOf(date)) ? 'optional' : 'missed';
}

/** The phase a member moved into between `before` and `after`; starting the plan counts as entering phase 1. */
function phaseEnteredBy(plan: Plan, m: SummaryMemberInput, before: LocalDate, after: LocalDate): PhaseRef | null {
  const from = planPositionOn(plan, m.planStartDate, m.pauses, before, m.extensions);
  const to = planPositionOn(plan, m.planStartDate, m.pauses, after, m.extensions);
  if (to.status !== 'active') return null;
  if (from.status === 'active' && from.phase.number === to.phase.number) return null;
  return { number: to.phase.number, title: to.phase.title };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function sumByActivity(entries: { activity: ActivityKind; minutes: number }[]): MinutesByActivity {
  const totals = Object.fromEntries(activityKinds.map((a) => [a, 0])) as MinutesByActivity;
  for (const { activity, minutes } of entries) totals[activity] += minutes;
  return totals;
}
