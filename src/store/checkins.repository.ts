import { eq } from 'drizzle-orm';
import { checkins, members, type Checkin } from '../../schema/index.js';
import { UserFacingError } from '../coach/errors.js';
import { checkinSchema, parseInput } from '../coach/inputs.js';
import type { StreakRules, StreakState } from '../coach/streak.js';
import type { Db } from './db.js';
import { lockMember, refreshStreak } from './streaks.js';

export type RecordResult = { checkin: Checkin; duplicate: boolean; streak: StreakState };

export function createCheckinsRepository({ db, rules }: { db: Db; rules: StreakRules }) {
  /**
   * Records a check-in and updates the stored streak in one transaction: when this returns, both
   * are committed. The same interaction id twice (a replayed interaction) records one check-in.
   */
  async function record(memberId: number, raw: Record<string, unknown>): Promise<RecordResult> {
    const input = parseInput(checkinSchema, raw);
    return db.transaction(async (tx) => {
      if (!(await lockMember(tx, memberId))) throw new UserFacingError('You are not enrolled yet. Use /start to join the plan.');
      const [inserted] = await tx.insert(checkins).values({ memberId, ...input })
        .onConflictDoNothing({ target: checkins.sourceInteractionId }).returning();
      if (inserted) return { checkin: inserted, duplicate: false, streak: await refreshStreak(tx, memberId, rules) };
      const [earlier] = await tx.select().from(checkins).where(eq(checkins.sourceInteractionId, input.sourceInteractionId));
      if (!earlier || earlier.memberId !== memberId) throw new Error('interaction id reused by another member');
      return { checkin: earlier, duplicate: true, streak: await readStoredStreak(tx, memberId) };
    });
  }

  async function listForMember(memberId: number): Promise<Checkin[]> {
    return db.select().from(checkins).where(eq(checkins.memberId, memberId)).orderBy(checkins.localDate, checkins.id);
  }

  return { record, listForMember, readStreak: (memberId: number) => readStoredStreak(db, memberId) };
}

export async function readStoredStreak(db: Db, memberId: number): Promise<StreakState> {
  const [row] = await db.select({ current: members.streakCurrent, best: members.streakBest, lastDate: members.streakLastDate })
    .from(members).where(eq(members.id, memberId));
  if (!row) throw new UserFacingError('You are not enrolled yet. Use /start to join the plan.');
  return row;
}

export type CheckinsRepository = ReturnType<typeof createCheckinsRepository>;
