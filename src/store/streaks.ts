import { and, asc, eq, gte, lt } from 'drizzle-orm';
import { checkins, frozenDays, type Member, memberPauses, members, restDays } from '../../schema/index.js';
import {
  type FrozenDay,
  type PauseRange,
  recomputeStreak,
  type StreakRecord,
  type StreakRules,
  type StreakState,
} from '../coach/streak.js';
import type { LocalDate } from '../coach/time.js';
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

export async function readRestDates(tx: Tx, memberId: number): Promise<string[]> {
  const rows = await tx.select({ localDate: restDays.localDate }).from(restDays).where(eq(restDays.memberId, memberId));
  return rows.map((row) => row.localDate);
}

/** The days freezes covered from `since` on, as the last recomputation stored them. */
export async function readFrozenDays(tx: Tx, memberId: number, since = '0001-01-01'): Promise<FrozenDay[]> {
  return tx
    .select({ date: frozenDays.localDate, kind: frozenDays.kind })
    .from(frozenDays)
    .where(and(eq(frozenDays.memberId, memberId), gte(frozenDays.localDate, since)))
    .orderBy(asc(frozenDays.localDate));
}

/**
 * The version of the streak rules a stored streak is computed under (members.streak_rules). Raise it when a
 * change to the rules changes what a recomputation gives for an existing history: at start every member
 * below it is recomputed (recomputeOutdatedStreaks). 1: freezes and rest days (migration 0007).
 */
export const streakRulesVersion = 1;

/**
 * Recomputes, `batch` members at a time, every member whose stored streak predates the current rules, until
 * none is left or `stopped()` says so; returns how many it recomputed. Each member is locked and refreshed in a
 * transaction of its own, so a check-in meanwhile waits a moment, and several processes may run this at once
 * (a member already refreshed by another is skipped: its row no longer matches).
 */
export async function recomputeOutdatedStreaks(
  db: Db,
  rules: StreakRules,
  options: { batch?: number; stopped?: () => boolean } = {},
): Promise<number> {
  const outdated = lt(members.streakRules, streakRulesVersion);
  let done = 0;
  while (!options.stopped?.()) {
    const ids = await db
      .select({ id: members.id })
      .from(members)
      .where(outdated)
      .orderBy(asc(members.id))
      .limit(options.batch ?? 200);
    if (ids.length === 0) break;
    for (const { id } of ids) {
      if (options.stopped?.()) break;
      await db.transaction(async (tx) => {
        const [row] = await tx
          .select({ id: members.id })
          .from(members)
          .where(and(eq(members.id, id), outdated))
          .for('update');
        if (!row) return;
        await refreshStreak(tx, id, rules);
        done += 1;
      });
    }
  }
  return done;
}

/** The stored streak carried by a member row. */
export function storedStreakOf(member: Member): StreakState {
  return {
    current: member.streakCurrent,
    best: member.streakBest,
    lastDate: member.streakLastDate,
    freezes: member.freezesHeld,
  };
}

/**
 * Recomputes the stored streak and its freezes from the whole history (check-ins, pauses, rest days), inside
 * the caller's transaction and after `lockMember`, and stores them with the days freezes covered: what is
 * stored then always equals a recomputation (DESIGN.md, streaks). Call it after any change to that history
 * (a check-in recorded, edited or deleted, a pause, a rest day).
 */
export async function refreshStreak(tx: Tx, memberId: number, rules: StreakRules): Promise<StreakState> {
  const record = await recomputeFromHistory(tx, memberId, rules);
  const { state } = record;
  await tx
    .update(members)
    .set({
      streakCurrent: state.current,
      streakBest: state.best,
      streakLastDate: state.lastDate,
      freezesHeld: state.freezes,
      streakRules: streakRulesVersion,
      updatedAt: new Date(),
    })
    .where(eq(members.id, memberId));
  await tx.delete(frozenDays).where(eq(frozenDays.memberId, memberId));
  if (record.frozen.length > 0) {
    await tx.insert(frozenDays).values(record.frozen.map((f) => ({ memberId, localDate: f.date, kind: f.kind })));
  }
  return state;
}

/** The recomputation, as if `extraRest` were a stored rest day too (to check one before storing it). */
export async function recomputeFromHistory(
  tx: Tx,
  memberId: number,
  rules: StreakRules,
  extraRest?: LocalDate,
): Promise<StreakRecord> {
  const dates = await readCheckinDates(tx, memberId);
  const pauses = await readPauses(tx, memberId);
  const rest = await readRestDates(tx, memberId);
  return recomputeStreak(dates, pauses, rules, extraRest ? [...rest, extraRest] : rest);
}
