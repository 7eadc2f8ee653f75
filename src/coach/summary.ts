import { activityKinds, allItems, type ActivityKind, type Plan } from '../plan/model.js';
import { planPositionOn } from './progress.js';
import { streakRulesFor } from './routine.js';
import { isPaused, type PauseRange } from './streak.js';
import { addDays, compareDates, daysBetween, weekdayOf, type LocalDate, type WeekdayName } from './time.js';

export const dayStates = ['done', 'missed', 'optional', 'paused', 'future', 'not_started'] as const;
export type DayState = (typeof dayStates)[number];
export type Visibility = 'full' | 'counts' | 'hidden';

export type SummaryCheckin = {
  localDate: LocalDate;
  activity: ActivityKind;
  minutes: number;
  note: string | null;
  link: string | null;
};
export type SummaryMemberInput = {
  displayName: string;
  visibility: Visibility;
  planStartDate: LocalDate;
  pauses: PauseRange[];
  checkins: SummaryCheckin[];
  milestones: { milestoneId: string; localDate: LocalDate }[];
  streak: { current: number; best: number };
};
export type SummaryInput = {
  plan: Plan;
  groupName: string;
  weekStart: LocalDate;
  today: LocalDate;
  members: SummaryMemberInput[];
};

export type PhaseRef = { number: number; title: string };
export type MinutesByActivity = Record<ActivityKind, number>;
export type MemberWeek = {
  displayName: string;
  visibility: 'full' | 'counts';
  /** Monday..Sunday. */
  days: DayState[];
  daysDone: number;
  checkins: number;
  minutes: number;
  minutesByActivity: MinutesByActivity;
  milestones: number;
  streak: { current: number; best: number };
  enteredPhase: PhaseRef | null;
};
export const outputKinds = ['problem', 'pull_request', 'post'] as const;
export type OutputKind = (typeof outputKinds)[number];
export type WeekOutput = {
  kind: OutputKind;
  member: string;
  localDate: LocalDate;
  note: string | null;
  link: string | null;
};
export type WeekMilestone = { member: string; milestoneId: string; text: string; localDate: LocalDate };
export type WeekSummary = {
  groupName: string;
  weekStart: LocalDate;
  weekLabel: string;
  dates: LocalDate[];
  members: MemberWeek[];
  hiddenCount: number;
  outputs: WeekOutput[];
  milestones: WeekMilestone[];
  phaseEntries: { member: string; phase: PhaseRef }[];
  totals: {
    minutes: number;
    checkins: number;
    activeMembers: number;
    listedMembers: number;
    minutesByActivity: MinutesByActivity;
  };
  nudge: string;
  /** Nobody listed checked in: renderers show a short "quiet week" message instead of empty sections. */
  quiet: boolean;
};

export const noteMaxLength = 100;
const linkMaxLength = 400;
const byName = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** One group's week, Monday..Sunday, as seen on `today` (the group's local date when it is built). */
export function buildWeekSummary(input: SummaryInput): WeekSummary {
  const { plan, weekStart } = input;
  if (weekdayOf(weekStart) !== 'mon') throw new RangeError(`weekStart must be a Monday, got ${weekStart}`);
  const dates = Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
  const inWeek = (date: LocalDate) => compareDates(dates[0]!, date) <= 0 && compareDates(date, dates[6]!) <= 0;
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
    weekLabel: labelWeek(dates[0]!, dates[6]!),
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
  const lastElapsed =
    compareDates(input.today, dates[0]!) < 0
      ? null
      : compareDates(input.today, dates[6]!) < 0
        ? input.today
        : dates[6]!;
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
    enteredPhase: lastElapsed === null ? null : phaseEnteredBy(input.plan, m, addDays(dates[0]!, -1), lastElapsed),
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
  if (compareDates(date, today) > 0) return 'future';
  if (compareDates(date, m.planStartDate) < 0) return 'not_started';
  if (isPaused(date, m.pauses)) return 'paused';
  return optional.has(weekdayOf(date)) ? 'optional' : 'missed';
}

/** The phase a member moved into between `before` and `after`; starting the plan counts as entering phase 1. */
function phaseEnteredBy(plan: Plan, m: SummaryMemberInput, before: LocalDate, after: LocalDate): PhaseRef | null {
  const from = planPositionOn(plan, m.planStartDate, m.pauses, before);
  const to = planPositionOn(plan, m.planStartDate, m.pauses, after);
  if (to.status !== 'active') return null;
  if (from.status === 'active' && from.phase.number === to.phase.number) return null;
  return { number: to.phase.number, title: to.phase.title };
}

function collectOutputs(full: SummaryMemberInput[], inWeek: (d: LocalDate) => boolean): WeekOutput[] {
  const outputs = full.flatMap((m) =>
    m.checkins
      .filter((c) => inWeek(c.localDate))
      .flatMap((c): WeekOutput[] => {
        const link = usableLink(c.link);
        // A PR or a post is only an output when it can be opened; any coding check-in is a problem worked on.
        const kind =
          c.activity === 'coding'
            ? 'problem'
            : !link
              ? null
              : c.activity === 'open_source'
                ? 'pull_request'
                : c.activity === 'writing'
                  ? 'post'
                  : null;
        return kind ? [{ kind, member: m.displayName, localDate: c.localDate, note: shortenNote(c.note), link }] : [];
      }),
  );
  return outputs.sort(
    (a, b) => outputKinds.indexOf(a.kind) - outputKinds.indexOf(b.kind) || compareDates(a.localDate, b.localDate),
  );
}

/** One line, at most `max` characters, cut at a word boundary when there is one nearby. */
export function shortenNote(note: string | null, max = noteMaxLength): string | null {
  const flat = (note ?? '').replace(/\s+/g, ' ').trim();
  if (flat === '') return null;
  const chars = Array.from(flat); // code points, so an emoji is never cut in half
  if (chars.length <= max) return flat;
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Only http(s) links of sane length are shown: anything else could not be rendered as a link anyway. */
function usableLink(link: string | null): string | null {
  if (!link) return null;
  try {
    const url = new URL(link.trim());
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.href.length <= linkMaxLength
      ? url.href
      : null;
  } catch {
    return null;
  }
}

/**
 * One line from the plan for the phase most members (hidden ones too: the nudge names nobody) are in
 * next Monday: the phase goal or one of its items, rotating by week so the same week always says the same.
 */
function pickNudge(plan: Plan, members: SummaryMemberInput[], weekStart: LocalDate): string {
  const nextMonday = addDays(weekStart, 7);
  const counts = new Map<number, number>();
  for (const m of members) {
    const position = planPositionOn(plan, m.planStartDate, m.pauses, nextMonday);
    if (position.status === 'active') counts.set(position.phase.number, (counts.get(position.phase.number) ?? 0) + 1);
  }
  const [top] = [...counts].sort(([a, ca], [b, cb]) => cb - ca || a - b);
  const phase = plan.phases.find((p) => p.number === top?.[0]) ?? plan.phases[0]!;
  const options = [`Goal: ${phase.goal}`, ...allItems(phase).map((item) => item.text)];
  const week = Math.floor(daysBetween('2024-01-01', nextMonday) / 7); // 2024-01-01 is a Monday
  return `Next week · Phase ${phase.number} (${phase.title}): ${options[((week % options.length) + options.length) % options.length]}`;
}

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** '1–7 Jun 2026', '29 Jun – 5 Jul 2026', '29 Dec 2025 – 4 Jan 2026'. */
export function labelWeek(start: LocalDate, end: LocalDate): string {
  const [sy, sm, sd] = start.split('-').map(Number) as [number, number, number];
  const [ey, em, ed] = end.split('-').map(Number) as [number, number, number];
  const month = (m: number) => monthNames[m - 1];
  if (sy !== ey) return `${sd} ${month(sm)} ${sy} – ${ed} ${month(em)} ${ey}`;
  return sm === em ? `${sd}–${ed} ${month(em)} ${ey}` : `${sd} ${month(sm)} – ${ed} ${month(em)} ${ey}`;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function sumByActivity(entries: { activity: ActivityKind; minutes: number }[]): MinutesByActivity {
  const totals = Object.fromEntries(activityKinds.map((a) => [a, 0])) as MinutesByActivity;
  for (const { activity, minutes } of entries) totals[activity] += minutes;
  return totals;
}
