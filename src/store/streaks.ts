import { asc, eq } from 'drizzle-orm';
import { checkins, memberPauses, members } from '../../schema/index.js';
import { computeStreak, type PauseRange, type StreakRules, type StreakState } from '../coach/streak.js';
import type { Db } from './db.js';

/** A Drizzle transaction or the database itself (a transaction is a PgDatabase too). */
export type Tx = Db;

/**
 * Locks the member row, so check-ins and pauses of one member are applied one at a time
 * (concurrent recomputations would otherwise each miss the other's row).
 */
export async function lockMember(tx: Tx, memberId: number): Promise<boolean> {
  const rows = await tx.select({ id: members.id }).from(members).where(eq(members.id, memberId)).for('update');
  return rows.length > 0;
}

export async function readPauses(tx: Tx, memberId: number): Promise<PauseRange[]> {
  return tx
    .select({ startDate: memberPauses.startDate, endDate: memberPauses.endDate })
    .from(memberPauses)
    .where(eq(memberPauses.memberId, memberId))
    .orderBy(asc(memberPauses.startDate));
}

export async function readCheckinDates(tx: Tx, memberId: number): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ localDate: checkins.localDate })
    .from(checkins)
    .where(eq(checkins.memberId, memberId));
  return rows.map((row) => row.localDate);
}

/**
 * Recomputes the stored streak from the whole history, inside the caller's transaction and
 * after `lockMember`: the stored streak then always equals a recomputation (DESIGN.md, streaks).
 */
export async function refreshStreak(tx: Tx, memberId: number, rules: StreakRules): Promise<StreakState> {
  const [dates, pauses] = [await readCheckinDates(tx, memberId), await readPauses(tx, memberId)];
  const state = computeStreak(dates, pauses, rules);
  await tx
    .update(members)
    .set({
      streakCurrent: state.current,
      streakBest: state.best,
      streakLastDate: state.lastDate,
      updatedAt: new Date(),
    })
    .where(eq(members.id, memberId));
  return state;
}
