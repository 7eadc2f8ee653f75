import { and, eq } from 'drizzle-orm';
import { checkins, restDays } from '../../schema/index.js';
import { notEnrolled } from '../coach/errors.js';
import {
  currentStreakOn,
  type FrozenDay,
  isPaused,
  type StreakRules,
  type StreakView,
  streakAsOf,
  weekdayIsOptional,
} from '../coach/streak.js';
import type { LocalDate } from '../coach/time.js';
import { readStoredStreak } from './checkins.repository.js';
import type { Db } from './db.js';
import { cancelDay } from './deliveries.repository.js';
import { lockMember, readFrozenDays, readPauses, recomputeFromHistory, refreshStreak } from './streaks.js';

/**
 * What a rest day on a date would be. `offer`: a freeze covers it, `left` held after it. `already`: it is a
 * rest day. `checked_in`, `optional`, `paused`: the day needs no freeze. `no_freeze`: none is held for it.
 */
export type RestDayStatus =
  | { status: 'offer' | 'taken' | 'already'; left: number; streak: number }
  | { status: 'checked_in' | 'optional' | 'paused' | 'no_freeze'; streak: number };

export function createFreezesRepository({ db, rules }: { db: Db; rules: StreakRules }) {
  async function assess(tx: Db, memberId: number, date: LocalDate): Promise<RestDayStatus> {
    const stored = await readStoredStreak(tx, memberId);
    const pauses = await readPauses(tx, memberId);
    const streak = currentStreakOn(stored, date, pauses, rules);
    if (isPaused(date, pauses)) return { status: 'paused', streak };
    if (weekdayIsOptional(date, rules)) return { status: 'optional', streak };
    const done = await tx
      .select({ id: checkins.id })
      .from(checkins)
      .where(and(eq(checkins.memberId, memberId), eq(checkins.localDate, date)))
      .limit(1);
    if (done.length > 0) return { status: 'checked_in', streak };
    const [rest] = await tx
      .select({ date: restDays.localDate })
      .from(restDays)
      .where(and(eq(restDays.memberId, memberId), eq(restDays.localDate, date)));
    const record = await recomputeFromHistory(tx, memberId, rules, date);
    if (!record.frozen.some((f) => f.date === date)) return { status: 'no_freeze', streak };
    return { status: rest ? 'already' : 'offer', left: record.state.freezes, streak };
  }

  /** What *Skip today* can offer on `date`: a rest day covered by a freeze, or why not. Writes nothing. */
  async function restDayOffer(memberId: number, date: LocalDate): Promise<RestDayStatus> {
    return assess(db, memberId, date);
  }

  /**
   * Takes `date` as a rest day: a freeze covers it in advance (it keeps the streak, does not add to it), and
   * the day's pending nudges and evening save are cancelled, in one transaction. Anything but `taken` (no
   * freeze, already a rest day, a day that needs none) writes nothing.
   */
  async function takeRestDay(memberId: number, date: LocalDate, now: Date): Promise<RestDayStatus> {
    return db.transaction(async (tx) => {
      if (!(await lockMember(tx, memberId))) throw notEnrolled();
      const assessed = await assess(tx, memberId, date);
      if (assessed.status !== 'offer') return assessed;
      await tx.insert(restDays).values({ memberId, localDate: date });
      await cancelDay(tx, memberId, date, now);
      const state = await refreshStreak(tx, memberId, rules);
      return { status: 'taken', left: state.freezes, streak: assessed.streak };
    });
  }

  /**
   * The streak as the member sees it on `today` (days up to `endedThrough` are over), recomputed from the
   * whole history, with every frozen day and the required days done toward the next freeze.
   */
  async function streakView(
    memberId: number,
    today: LocalDate,
    endedThrough: LocalDate,
  ): Promise<{ view: StreakView; frozen: FrozenDay[]; toward: number }> {
    const record = await recomputeFromHistory(db, memberId, rules);
    const view = streakAsOf(record.state, today, endedThrough, await readPauses(db, memberId), rules);
    const interrupted = view.spent.length > 0 || view.brokeOn !== null;
    return { view, frozen: record.frozen, toward: interrupted ? 0 : record.toward };
  }

  return {
    streakView,
    restDayOffer,
    takeRestDay,
    /** The days freezes covered (from `since` on), as stored by the last recomputation. */
    frozenDays: (memberId: number, since?: LocalDate): Promise<FrozenDay[]> => readFrozenDays(db, memberId, since),
  };
}
