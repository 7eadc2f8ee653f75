import { and, asc, eq, gte, isNull, lte } from 'drizzle-orm';
import { z } from 'zod';
import { checkins, commitments, type Member, milestonesDone, phaseReviews } from '../../schema/index.js';
import { UserFacingError } from '../coach/errors.js';
import { parseInput } from '../coach/inputs.js';
import {
  choicesFor,
  extensionsFrom,
  type PhaseReview,
  type ReviewChoice,
  type ReviewFacts,
  reviewFactsFor,
} from '../coach/phase-review.js';
import type { PauseRange, StreakRules } from '../coach/streak.js';
import { addDays, type LocalDate } from '../coach/time.js';
import type { Extension } from '../coach/timeline.js';
import type { Plan } from '../plan/model.js';
import type { Db } from './db.js';
import { readPauses } from './streaks.js';

/** What a nudge needs to coach: pauses, phase reviews and the last week's check-in dates. */
export type NudgeFacts = { pauses: PauseRange[]; reviews: PhaseReview[]; recentCheckins: Set<LocalDate> };

const reviewColumns = {
  id: phaseReviews.id,
  phase: phaseReviews.phase,
  round: phaseReviews.round,
  reviewDate: phaseReviews.reviewDate,
  decision: phaseReviews.decision,
  decidedOn: phaseReviews.decidedOn,
};
const choiceSchema = z.object({
  reviewId: z.int().positive().max(2_147_483_647),
  choice: z.enum(['move_on', 'extend_2', 'extend_4']),
});

export function createCoachingRepository({ db, plan, rules }: { db: Db; plan: Plan; rules: StreakRules }) {
  async function reviews(memberId: number): Promise<PhaseReview[]> {
    return db
      .select(reviewColumns)
      .from(phaseReviews)
      .where(eq(phaseReviews.memberId, memberId))
      .orderBy(asc(phaseReviews.phase), asc(phaseReviews.round));
  }

  async function extensions(memberId: number): Promise<Extension[]> {
    return extensionsFrom(await reviews(memberId));
  }

  /** Three indexed reads in parallel: the nudge's cost stays what it was, one round trip. */
  async function nudgeFacts(memberId: number, date: LocalDate): Promise<NudgeFacts> {
    const [pauses, memberReviews, recent] = await Promise.all([
      readPauses(db, memberId),
      reviews(memberId),
      db
        .selectDistinct({ localDate: checkins.localDate })
        .from(checkins)
        .where(
          and(
            eq(checkins.memberId, memberId),
            gte(checkins.localDate, addDays(date, -7)),
            lte(checkins.localDate, date),
          ),
        ),
    ]);
    return { pauses, reviews: memberReviews, recentCheckins: new Set(recent.map((r) => r.localDate)) };
  }

  /** Stores the review of a phase end shown on `date`; a retried delivery finds the row it stored before. */
  async function openReview(memberId: number, phase: number, round: number, date: LocalDate): Promise<PhaseReview> {
    const [created] = await db
      .insert(phaseReviews)
      .values({ memberId, phase, round, reviewDate: date })
      .onConflictDoNothing()
      .returning(reviewColumns);
    if (created) return created;
    const [existing] = await db
      .select(reviewColumns)
      .from(phaseReviews)
      .where(and(eq(phaseReviews.memberId, memberId), eq(phaseReviews.phase, phase), eq(phaseReviews.round, round)));
    if (!existing) throw new Error('phase review vanished');
    return existing;
  }

  /** No answer in time: the member moves on. A review decided meanwhile keeps its decision. */
  async function autoMoveOn(reviewId: number, date: LocalDate, now: Date): Promise<void> {
    await db
      .update(phaseReviews)
      .set({ decision: 'auto_move_on', decidedOn: date, decidedAt: now })
      .where(and(eq(phaseReviews.id, reviewId), isNull(phaseReviews.decision)));
  }

  /**
   * The member's choice on a review button. A review already decided (a second click, or the bot moved
   * them on) is returned unchanged with `already: true`; one of another member is refused.
   */
  async function decide(
    memberId: number,
    raw: { reviewId: number; choice: string },
    today: LocalDate,
    now: Date,
  ): Promise<{ review: PhaseReview; already: boolean }> {
    const { reviewId, choice } = parseInput(choiceSchema, raw);
    return db.transaction(async (tx) => {
      const [row] = await tx
        .select({ ...reviewColumns, memberId: phaseReviews.memberId })
        .from(phaseReviews)
        .where(eq(phaseReviews.id, reviewId))
        .for('update');
      if (!row || row.memberId !== memberId) {
        throw new UserFacingError('This review is no longer active. Use /progress to see where you are.');
      }
      const { memberId: _owner, ...review } = row;
      if (review.decision !== null) return { review, already: true };
      if (!choicesFor(review).includes(choice as ReviewChoice)) {
        throw new UserFacingError('This phase was already extended twice, so it can only move on now.');
      }
      const [decided] = await tx
        .update(phaseReviews)
        .set({ decision: choice, decidedOn: today, decidedAt: now })
        .where(eq(phaseReviews.id, reviewId))
        .returning(reviewColumns);
      if (!decided) throw new Error('phase review vanished');
      return { review: decided, already: false };
    });
  }

  /** The review's facts: the phase's check-ins, milestones and commitments (read only on a review's day). */
  async function reviewFacts(
    member: Member,
    phase: number,
    context: { pauses: readonly PauseRange[]; reviews: readonly PhaseReview[]; asOf: LocalDate },
  ): Promise<ReviewFacts | undefined> {
    const [rows, done, memberCommitments] = await Promise.all([
      db
        .select({ localDate: checkins.localDate, link: checkins.link, note: checkins.note })
        .from(checkins)
        .where(and(eq(checkins.memberId, member.id), gte(checkins.localDate, member.planStartDate))),
      db.select({ id: milestonesDone.milestoneId }).from(milestonesDone).where(eq(milestonesDone.memberId, member.id)),
      db
        .select({ weekStart: commitments.weekStart, doneOn: commitments.doneOn })
        .from(commitments)
        .where(and(eq(commitments.memberId, member.id), gte(commitments.weekStart, member.planStartDate))),
    ]);
    return reviewFactsFor({
      plan,
      rules,
      phase,
      start: member.planStartDate,
      pauses: context.pauses,
      extensions: extensionsFrom(context.reviews),
      checkins: rows,
      milestoneIds: new Set(done.map((d) => d.id)),
      commitments: memberCommitments,
      asOf: context.asOf,
    });
  }

  return { reviews, extensions, nudgeFacts, openReview, autoMoveOn, decide, reviewFacts };
}
