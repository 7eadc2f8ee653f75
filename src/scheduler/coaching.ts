import type { Delivery, Member } from '../../schema/index.js';
import { coachNoteFor } from '../coach/coach-notes.js';
import { choicesFor, extensionsFrom, type PhaseReview, type ReviewStep, reviewStepOn } from '../coach/phase-review.js';
import { streakRulesFor } from '../coach/routine.js';
import type { LocalDate } from '../coach/time.js';
import type { Extension } from '../coach/timeline.js';
import type { TodayPlan } from '../coach/today.js';
import type { Context } from '../context.js';
import type { NudgeCoaching } from '../discord/review-render.js';
import type { NudgeFacts } from '../store/coaching.repository.js';

/** The review step of a delivery: only the daily nudge reviews (a snooze reminder is a one-off). */
export function reviewStepFor(delivery: Delivery, member: Member, facts: NudgeFacts, ctx: Context): ReviewStep {
  if (delivery.kind !== 'nudge') return { kind: 'none' };
  return reviewStepOn(ctx.plan, member.planStartDate, facts.pauses, facts.reviews, delivery.localDate);
}

/** A review to show or a move-on to announce is sent even on a day already checked in. */
export function mustSpeak(step: ReviewStep): boolean {
  return step.kind === 'open' || step.kind === 'show' || step.kind === 'auto_move_on';
}

export function extensionsOf(facts: NudgeFacts): Extension[] {
  return extensionsFrom(facts.reviews);
}

/**
 * Applies the review step (stores a new review, or the move-on after three days) and builds what the nudge
 * adds. Reads more than the nudge's usual facts only on a review's day.
 */
export async function coachingFor(
  ctx: Context,
  member: Member,
  date: LocalDate,
  facts: NudgeFacts,
  step: ReviewStep,
  today: TodayPlan,
  now: Date,
): Promise<NudgeCoaching> {
  const note = coachNoteFor({
    date,
    activeFrom: member.planStartDate,
    lastCheckinDate: member.streakLastDate,
    recentCheckins: facts.recentCheckins,
    pauses: facts.pauses,
    rules: streakRulesFor(ctx.plan),
    today,
  });
  const last = (phase: number) => phase === ctx.plan.phases.length;
  if (step.kind === 'waiting')
    return { note, review: { kind: 'waiting', phase: step.review.phase, movesOnOn: step.movesOnOn } };
  if (step.kind === 'auto_move_on') {
    await ctx.store.coaching.autoMoveOn(step.review.id, date, now);
    return { note, review: { kind: 'moved_on', phase: step.review.phase, last: last(step.review.phase) } };
  }
  if (step.kind !== 'open' && step.kind !== 'show') return { note };
  const review: PhaseReview =
    step.kind === 'show' ? step.review : await ctx.store.coaching.openReview(member.id, step.phase, step.round, date);
  const reviewFacts = await ctx.store.coaching.reviewFacts(member, review.phase, {
    pauses: facts.pauses,
    reviews: facts.reviews,
    asOf: date,
  });
  if (!reviewFacts) return { note };
  return {
    note,
    review: { kind: 'review', review, facts: reviewFacts, choices: choicesFor(review), last: last(review.phase) },
  };
}
