import { allItems, type Phase, type Plan, type PlanItem } from '../plan/model.js';
import { keptCount } from './commitments.js';
import { isPaused, type PauseRange, type StreakRules } from './streak.js';
import { addDays, compareDates, type LocalDate, weekdayOf } from './time.js';
import { dateOfWorkDay, type Extension, phaseSpans, workDayOf } from './timeline.js';

export const reviewDecisions = ['move_on', 'extend_2', 'extend_4', 'auto_move_on'] as const;
export type ReviewDecision = (typeof reviewDecisions)[number];
/** What a member can choose (auto_move_on is the bot's, after `autoMoveOnAfterDays` without an answer). */
export type ReviewChoice = Exclude<ReviewDecision, 'auto_move_on'>;

export const maxExtensionsPerPhase = 2;
export const autoMoveOnAfterDays = 3;
export const extensionDays: Record<'extend_2' | 'extend_4', number> = { extend_2: 14, extend_4: 28 };

/**
 * One review of a phase end. Round 0 is the review at the phase's planned end, rounds 1 and 2 the ones
 * after each extension, so (phase, round) names one phase end.
 */
export type PhaseReview = {
  id: number;
  phase: number;
  round: number;
  reviewDate: LocalDate;
  decision: ReviewDecision | null;
  decidedOn: LocalDate | null;
};

/** The extensions that reviews decided, in the order they were chosen. */
export function extensionsFrom(reviews: readonly Pick<PhaseReview, 'phase' | 'round' | 'decision'>[]): Extension[] {
  return [...reviews]
    .sort((a, b) => a.phase - b.phase || a.round - b.round)
    .flatMap((r) =>
      r.decision === 'extend_2' || r.decision === 'extend_4'
        ? [{ phase: r.phase, days: extensionDays[r.decision] }]
        : [],
    );
}

/** What the nudge of `date` does about phase reviews. */
export type ReviewStep =
  | { kind: 'none' }
  /** A phase ended and has no review yet: the nudge is its review (the caller stores it with `date`). */
  | { kind: 'open'; phase: number; round: number }
  /** The review of this date already exists (a retried delivery): the nudge is the review again. */
  | { kind: 'show'; review: PhaseReview }
  /** Open for fewer than `autoMoveOnAfterDays` days: the nudge reminds of it. */
  | { kind: 'waiting'; review: PhaseReview; movesOnOn: LocalDate }
  /** No answer in time: the member moves on, and the nudge says so. */
  | { kind: 'auto_move_on'; review: PhaseReview };

/**
 * The review step for a member's nudge on `date` (the first nudge after a phase ends is its review,
 * shifted by pauses and extensions). Phases are looked at in order, so one phase end is handled at a
 * time and each gets exactly one review row, whatever happened since.
 */
export function reviewStepOn(
  plan: Plan,
  start: LocalDate,
  pauses: readonly PauseRange[],
  reviews: readonly PhaseReview[],
  date: LocalDate,
): ReviewStep {
  if (compareDates(date, start) < 0 || isPaused(date, pauses)) return { kind: 'none' };
  const workDay = workDayOf(start, pauses, date);
  for (const span of phaseSpans(plan, start, extensionsFrom(reviews))) {
    if (workDay < span.end) return { kind: 'none' };
    const round = span.extensions.length;
    const review = reviews.find((r) => r.phase === span.phase.number && r.round === round);
    if (!review) return { kind: 'open', phase: span.phase.number, round };
    if (review.decision === 'auto_move_on' && review.decidedOn === date) return { kind: 'auto_move_on', review };
    if (review.decision !== null) continue;
    if (review.reviewDate === date) return { kind: 'show', review };
    const movesOnOn = addDays(review.reviewDate, autoMoveOnAfterDays);
    if (compareDates(date, movesOnOn) >= 0) return { kind: 'auto_move_on', review };
    return { kind: 'waiting', review, movesOnOn };
  }
  return { kind: 'none' };
}

/** Which choices a review offers: no extension after two of the same phase. */
export function choicesFor(review: Pick<PhaseReview, 'round'>): readonly ReviewChoice[] {
  return review.round < maxExtensionsPerPhase ? ['move_on', 'extend_2', 'extend_4'] : ['move_on'];
}

export type ReviewCheckin = { localDate: LocalDate; link: string | null; note: string | null };

/** What a phase review shows: the phase's days, milestones and outputs (commitments come from reflections). */
export type ReviewFacts = {
  phase: Phase;
  /** The phase's local dates, [startDate, endDate), extensions included. */
  startDate: LocalDate;
  endDate: LocalDate;
  daysDone: number;
  daysRequired: number;
  milestonesDone: PlanItem[];
  milestonesOpen: PlanItem[];
  /** Check-ins of the phase that carry a link (PRs, posts, solutions), oldest first. */
  outputs: ReviewCheckin[];
  /** Commitments for the phase's weeks (a week belongs to the phase its Monday is in); absent when none. */
  commitmentsKept?: { kept: number; total: number };
};

export type ReviewFactsInput = {
  plan: Plan;
  start: LocalDate;
  pauses: readonly PauseRange[];
  extensions: readonly Extension[];
  rules: StreakRules;
  phase: number;
  checkins: readonly ReviewCheckin[];
  milestoneIds: ReadonlySet<string>;
  /** The member's commitments: `weekStart` is the Monday of the week they are for, `doneOn` set when kept. */
  commitments: readonly { weekStart: LocalDate; doneOn: LocalDate | null }[];
  asOf: LocalDate;
};

/** The local dates a phase covers, shifted by pauses and extensions ([startDate, endDate)). */
export function phaseDates(
  input: Pick<ReviewFactsInput, 'plan' | 'start' | 'pauses' | 'extensions' | 'phase' | 'asOf'>,
): { startDate: LocalDate; endDate: LocalDate } | undefined {
  const span = phaseSpans(input.plan, input.start, input.extensions).find((s) => s.phase.number === input.phase);
  if (!span) return undefined;
  return {
    startDate: dateOfWorkDay(input.start, input.pauses, span.first, input.asOf),
    endDate: dateOfWorkDay(input.start, input.pauses, span.end, input.asOf),
  };
}

export function reviewFactsFor(input: ReviewFactsInput): ReviewFacts | undefined {
  const phase = input.plan.phases.find((p) => p.number === input.phase);
  const dates = phaseDates(input);
  if (!phase || !dates) return undefined;
  const within = (date: LocalDate) =>
    compareDates(dates.startDate, date) <= 0 && compareDates(date, dates.endDate) < 0 && !isPaused(date, input.pauses);
  const doneDates = new Set(input.checkins.map((c) => c.localDate).filter(within));
  let daysRequired = 0;
  for (let day = dates.startDate; compareDates(day, dates.endDate) < 0; day = addDays(day, 1)) {
    if (within(day) && !input.rules.optionalWeekdays.has(weekdayOf(day))) daysRequired += 1;
  }
  const items = allItems(phase);
  const inPhase = (date: LocalDate) =>
    compareDates(dates.startDate, date) <= 0 && compareDates(date, dates.endDate) < 0;
  const phaseCommitments = input.commitments.filter((c) => inPhase(c.weekStart));
  return {
    phase,
    ...dates,
    daysDone: doneDates.size,
    daysRequired,
    milestonesDone: items.filter((i) => input.milestoneIds.has(i.id)),
    milestonesOpen: items.filter((i) => !input.milestoneIds.has(i.id)),
    outputs: input.checkins
      .filter((c) => c.link !== null && within(c.localDate))
      .sort((a, b) => compareDates(a.localDate, b.localDate)),
    ...(phaseCommitments.length > 0 ? { commitmentsKept: keptCount(phaseCommitments) } : {}),
  };
}
