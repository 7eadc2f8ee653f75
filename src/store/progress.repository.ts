import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { type Member, milestonesDone, phaseReviews } from '../../schema/index.js';
import { milestoneField, parseInput } from '../coach/inputs.js';
import { type AreaProgress, areaProgressOf } from '../coach/milestones.js';
import { extensionsFrom } from '../coach/phase-review.js';
import { type PhaseProgress, phaseProgressOn } from '../coach/progress.js';
import { currentStreakOn, type StreakRules } from '../coach/streak.js';
import type { LocalDate } from '../coach/time.js';
import { type Plan, planItemIds } from '../plan/model.js';
import type { Db } from './db.js';
import { readCheckinDates, readPauses, storedStreakOf } from './streaks.js';

export type MemberProgress = PhaseProgress & {
  streak: { current: number; best: number };
  /** The plan items the member marked done, any phase. */
  doneIds: ReadonlySet<string>;
  /** The current phase per area (empty outside the plan). */
  areas: AreaProgress[];
};

export function createProgressRepository({ db, plan, rules }: { db: Db; plan: Plan; rules: StreakRules }) {
  const milestone = milestoneField(planItemIds(plan));

  /** Marks a plan item done; marking it again keeps the first date. */
  async function markMilestone(
    memberId: number,
    milestoneId: string,
    localDate: LocalDate,
  ): Promise<{ alreadyDone: boolean }> {
    parseInput(z.object({ milestone }), { milestone: milestoneId });
    const inserted = await db
      .insert(milestonesDone)
      .values({ memberId, milestoneId, localDate })
      .onConflictDoNothing()
      .returning({ id: milestonesDone.milestoneId });
    return { alreadyDone: inserted.length === 0 };
  }

  /** Takes a milestone back; `wasDone` is false when it was not marked (nothing changes). */
  async function unmarkMilestone(memberId: number, milestoneId: string): Promise<{ wasDone: boolean }> {
    const deleted = await db
      .delete(milestonesDone)
      .where(and(eq(milestonesDone.memberId, memberId), eq(milestonesDone.milestoneId, milestoneId)))
      .returning({ id: milestonesDone.milestoneId });
    return { wasDone: deleted.length > 0 };
  }

  async function readMilestoneIds(memberId: number): Promise<Set<string>> {
    const rows = await db
      .select({ id: milestonesDone.milestoneId })
      .from(milestonesDone)
      .where(eq(milestonesDone.memberId, memberId));
    return new Set(rows.map((row) => row.id));
  }

  async function readProgress(member: Member, today: LocalDate): Promise<MemberProgress> {
    const [dates, pauses, done, reviews] = await Promise.all([
      readCheckinDates(db, member.id),
      readPauses(db, member.id),
      db.select({ id: milestonesDone.milestoneId }).from(milestonesDone).where(eq(milestonesDone.memberId, member.id)),
      db.select().from(phaseReviews).where(eq(phaseReviews.memberId, member.id)),
    ]);
    const progress = phaseProgressOn({
      plan,
      rules,
      today,
      pauses,
      start: member.planStartDate,
      checkinDates: new Set(dates),
      milestoneIds: new Set(done.map((row) => row.id)),
      extensions: extensionsFrom(reviews),
    });
    const stored = storedStreakOf(member);
    const streak = { current: currentStreakOn(stored, today, pauses, rules), best: stored.best };
    const doneIds = new Set(done.map((row) => row.id));
    const areas = progress.position.status === 'active' ? areaProgressOf(progress.position.phase, doneIds) : [];
    return { ...progress, streak, doneIds, areas };
  }

  return { markMilestone, unmarkMilestone, readMilestoneIds, readProgress };
}
