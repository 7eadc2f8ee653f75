import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { type Member, milestonesDone } from '../../schema/index.js';
import { milestoneField, parseInput } from '../coach/inputs.js';
import { type PhaseProgress, phaseProgressOn } from '../coach/progress.js';
import { currentStreakOn, type StreakRules } from '../coach/streak.js';
import type { LocalDate } from '../coach/time.js';
import { type Plan, planItemIds } from '../plan/model.js';
import type { Db } from './db.js';
import { readCheckinDates, readPauses, storedStreakOf } from './streaks.js';

export type MemberProgress = PhaseProgress & { streak: { current: number; best: number } };

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

  async function readProgress(member: Member, today: LocalDate): Promise<MemberProgress> {
    const [dates, pauses, done] = await Promise.all([
      readCheckinDates(db, member.id),
      readPauses(db, member.id),
      db.select({ id: milestonesDone.milestoneId }).from(milestonesDone).where(eq(milestonesDone.memberId, member.id)),
    ]);
    const progress = phaseProgressOn({
      plan,
      rules,
      today,
      pauses,
      start: member.planStartDate,
      checkinDates: new Set(dates),
      milestoneIds: new Set(done.map((row) => row.id)),
    });
    const stored = storedStreakOf(member);
    return { ...progress, streak: { current: currentStreakOn(stored, today, pauses, rules), best: stored.best } };
  }

  return { markMilestone, readProgress };
}
