import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { type Commitment, checkins, commitments, reflections } from '../../schema/index.js';
import { keptCount, parseReflection, reflectionWeekAt } from '../coach/commitments.js';
import { notEnrolled, UserFacingError } from '../coach/errors.js';
import { checkinSchema, parseInput } from '../coach/inputs.js';
import { routineOn } from '../coach/routine.js';
import type { StreakRules } from '../coach/streak.js';
import { type LocalDate, weekdayOf, weekStartOf } from '../coach/time.js';
import type { Plan } from '../plan/model.js';
import type { Db } from './db.js';
import { lockMember, refreshStreak } from './streaks.js';

export type SubmitResult = {
  weekStart: LocalDate;
  /** The Monday of the week the commitments are for. */
  commitmentsWeek: LocalDate;
  replaced: boolean;
  commitments: Commitment[];
  /** Sunday only: whether the reflection was recorded as the day's check-in, or one existed already. */
  sundayCheckin: 'recorded' | 'existed' | null;
};
export type MarkDoneResult = { commitment: Commitment; already: boolean };

export function createReflectionsRepository({ db, rules, plan }: { db: Db; rules: StreakRules; plan: Plan }) {
  /**
   * Validates the form, then in one transaction stores the week's reflection (replacing an earlier one of
   * the same week, with its commitments) and, on Sunday, the day's check-in unless there is one.
   */
  async function submit(
    member: { id: number; timeZone: string },
    raw: { wentWell: string; inTheWay: string; commitments: string },
    { now, interactionId }: { now: Date; interactionId: string },
  ): Promise<SubmitResult> {
    const input = parseReflection(raw);
    const week = reflectionWeekAt(now, member.timeZone);
    const sunday = weekdayOf(week.today) === 'sun';
    const checkin = sunday
      ? parseInput(checkinSchema, {
          localDate: week.today,
          activity: 'reflection',
          minutes: routineOn(plan, week.today).minutes,
          sourceInteractionId: interactionId,
        })
      : undefined;
    return db.transaction(async (tx) => {
      if (!(await lockMember(tx, member.id))) throw notEnrolled();
      const key = and(eq(reflections.memberId, member.id), eq(reflections.weekStart, week.weekStart));
      const [earlier] = await tx.select({ id: reflections.id }).from(reflections).where(key);
      const text = { wentWell: input.wentWell, inTheWay: input.inTheWay, updatedAt: now };
      if (earlier) await tx.update(reflections).set(text).where(eq(reflections.id, earlier.id));
      else await tx.insert(reflections).values({ memberId: member.id, weekStart: week.weekStart, ...text });
      await tx.delete(commitments).where(and(eq(commitments.memberId, member.id), eq(commitments.weekStart, week.for)));
      const stored =
        input.commitments.length === 0
          ? []
          : await tx
              .insert(commitments)
              .values(input.commitments.map((c) => ({ memberId: member.id, weekStart: week.for, ...c })))
              .returning();
      let sundayCheckin: SubmitResult['sundayCheckin'] = null;
      if (checkin) {
        const existing = await tx
          .select({ id: checkins.id })
          .from(checkins)
          .where(and(eq(checkins.memberId, member.id), eq(checkins.localDate, checkin.localDate)))
          .limit(1);
        sundayCheckin = existing.length > 0 ? 'existed' : 'recorded';
        if (sundayCheckin === 'recorded') {
          await tx.insert(checkins).values({ memberId: member.id, ...checkin });
          await refreshStreak(tx, member.id, rules);
        }
      }
      const commitmentsWeek = week.for;
      return {
        weekStart: week.weekStart,
        commitmentsWeek,
        replaced: Boolean(earlier),
        commitments: stored,
        sundayCheckin,
      };
    });
  }

  /** A member's commitments for the week starting on `weekStart` (a Monday), in the order written. */
  async function forWeek(memberId: number, weekStart: LocalDate): Promise<Commitment[]> {
    return db
      .select()
      .from(commitments)
      .where(and(eq(commitments.memberId, memberId), eq(commitments.weekStart, weekStart)))
      .orderBy(asc(commitments.position));
  }

  /**
   * Marks one of this week's commitments done on `today`. A commitment of another member or of another
   * week (an old button) is refused and nothing changes; a second click reports it was done already.
   */
  async function markDone(memberId: number, commitmentId: number, today: LocalDate): Promise<MarkDoneResult> {
    return setDone(memberId, commitmentId, today, true);
  }

  /** Takes a mis-click back: the same checks as markDone; `already` when it was not marked done. */
  async function markUndone(memberId: number, commitmentId: number, today: LocalDate): Promise<MarkDoneResult> {
    return setDone(memberId, commitmentId, today, false);
  }

  async function setDone(memberId: number, commitmentId: number, today: LocalDate, done: boolean) {
    const thisWeek = weekStartOf(today);
    const mine = and(eq(commitments.id, commitmentId), eq(commitments.memberId, memberId));
    // One conditional statement: two clicks at once change the row once, and the second reads "already".
    const [updated] = await db
      .update(commitments)
      .set({ doneOn: done ? today : null })
      .where(
        and(
          mine,
          eq(commitments.weekStart, thisWeek),
          done ? isNull(commitments.doneOn) : isNotNull(commitments.doneOn),
        ),
      )
      .returning();
    if (updated) return { commitment: updated, already: false };
    const [row] = await db.select().from(commitments).where(mine);
    if (!row) throw new UserFacingError('This button is not for one of your current commitments, so nothing changed.');
    if (row.weekStart !== thisWeek)
      throw new UserFacingError(
        `That commitment belongs to the week of ${row.weekStart}, not this one, so nothing changed. ` +
          "Use /commitments for this week's.",
      );
    return { commitment: row, already: true };
  }

  return { submit, forWeek, markDone, markUndone };
}

/** "kept N of M" per member for one week, for the weekly summary (one query). */
export async function loadKeptCounts(
  db: Db,
  memberIds: readonly number[],
  weekStart: LocalDate,
): Promise<Map<number, { kept: number; total: number }>> {
  const rows =
    memberIds.length === 0
      ? []
      : await db
          .select({ memberId: commitments.memberId, doneOn: commitments.doneOn })
          .from(commitments)
          .where(and(inArray(commitments.memberId, [...memberIds]), eq(commitments.weekStart, weekStart)));
  const byMember = new Map<number, { doneOn: LocalDate | null }[]>();
  for (const row of rows) byMember.set(row.memberId, [...(byMember.get(row.memberId) ?? []), row]);
  return new Map([...byMember].map(([id, list]) => [id, keptCount(list)]));
}
