import { and, eq, sum } from 'drizzle-orm';
import { type Checkin, checkins, members, milestonesDone } from '../../schema/index.js';
import { notEnrolled } from '../coach/errors.js';
import { checkinSchema, milestoneField, parseInput } from '../coach/inputs.js';
import { currentStreakOn, type StreakRules, type StreakState } from '../coach/streak.js';
import type { LocalDate } from '../coach/time.js';
import { type Plan, planItemIds } from '../plan/model.js';
import type { Db } from './db.js';
import { lockMember, readPauses, refreshStreak } from './streaks.js';

export type RecordResult = { checkin: Checkin; duplicate: boolean; streak: StreakState };

export function createCheckinsRepository({ db, rules, plan }: { db: Db; rules: StreakRules; plan: Plan }) {
  const schema = checkinSchema.extend({ milestone: milestoneField(planItemIds(plan)).optional() });

  /**
   * Validates everything, then records a check-in, the milestone it names and the stored streak in one
   * transaction: when this returns, all are committed; when it throws, nothing is. The same interaction
   * id twice (a replayed interaction) records one check-in.
   */
  async function record(memberId: number, raw: Record<string, unknown>): Promise<RecordResult> {
    const { milestone, ...input } = parseInput(schema, raw);
    return db.transaction(async (tx) => {
      if (!(await lockMember(tx, memberId))) throw notEnrolled();
      const [inserted] = await tx
        .insert(checkins)
        .values({ memberId, ...input })
        .onConflictDoNothing({ target: checkins.sourceInteractionId })
        .returning();
      if (inserted) {
        if (milestone) {
          const done = { memberId, milestoneId: milestone, localDate: input.localDate };
          await tx.insert(milestonesDone).values(done).onConflictDoNothing(); // marked before: the first date stays
        }
        return { checkin: inserted, duplicate: false, streak: await refreshStreak(tx, memberId, rules) };
      }
      const [earlier] = await tx
        .select()
        .from(checkins)
        .where(eq(checkins.sourceInteractionId, input.sourceInteractionId));
      if (!earlier || earlier.memberId !== memberId) throw new Error('interaction id reused by another member');
      return { checkin: earlier, duplicate: true, streak: await readStoredStreak(tx, memberId) };
    });
  }

  async function listForMember(memberId: number): Promise<Checkin[]> {
    return db.select().from(checkins).where(eq(checkins.memberId, memberId)).orderBy(checkins.localDate, checkins.id);
  }

  /** Minutes logged on one local date, for "today: 45 of 60 min". */
  async function minutesOn(memberId: number, localDate: LocalDate): Promise<number> {
    const [row] = await db
      .select({ total: sum(checkins.minutes).mapWith(Number) })
      .from(checkins)
      .where(and(eq(checkins.memberId, memberId), eq(checkins.localDate, localDate)));
    return row?.total ?? 0;
  }

  /** The streak as the member sees it on `today` (a missed required day since the last check-in ends it). */
  async function streakOn(memberId: number, today: LocalDate): Promise<{ current: number; best: number }> {
    const [stored, pauses] = [await readStoredStreak(db, memberId), await readPauses(db, memberId)];
    return { current: currentStreakOn(stored, today, pauses, rules), best: stored.best };
  }

  return {
    record,
    listForMember,
    minutesOn,
    streakOn,
    readStreak: (memberId: number) => readStoredStreak(db, memberId),
  };
}

export async function readStoredStreak(db: Db, memberId: number): Promise<StreakState> {
  const [row] = await db
    .select({
      current: members.streakCurrent,
      best: members.streakBest,
      lastDate: members.streakLastDate,
      freezes: members.freezesHeld,
    })
    .from(members)
    .where(eq(members.id, memberId));
  if (!row) throw notEnrolled();
  return row;
}
