import { and, asc, eq, gte } from 'drizzle-orm';
import { type Checkin, checkins, members } from '../../schema/index.js';
import { notEnrolled, UserFacingError } from '../coach/errors.js';
import { checkinSchema, parseInput } from '../coach/inputs.js';
import { editableDays, isEditable, oldestEditableDate } from '../coach/member-days.js';
import type { StreakRules, StreakState } from '../coach/streak.js';
import { type LocalDate, localDateOf } from '../coach/time.js';
import type { Db } from './db.js';
import { lockMember, refreshStreak } from './streaks.js';

const editSchema = checkinSchema.pick({ minutes: true, note: true, link: true });
export type ChangeResult = { checkin: Checkin; streak: StreakState };

/** A member's last days of check-ins, and the edits and deletions /history offers on them. */
export function createHistoryRepository({ db, rules }: { db: Db; rules: StreakRules }) {
  async function recent(memberId: number, today: LocalDate): Promise<Checkin[]> {
    return db
      .select()
      .from(checkins)
      .where(and(eq(checkins.memberId, memberId), gte(checkins.localDate, oldestEditableDate(today))))
      .orderBy(asc(checkins.localDate), asc(checkins.id));
  }

  /** The distinct local dates with a check-in from `from` on (the personal heatmap's weeks). */
  async function datesSince(memberId: number, from: LocalDate): Promise<LocalDate[]> {
    const rows = await db
      .selectDistinct({ localDate: checkins.localDate })
      .from(checkins)
      .where(and(eq(checkins.memberId, memberId), gte(checkins.localDate, from)));
    return rows.map((row) => row.localDate);
  }

  /** The entry a button points at, if it is the member's and still young enough to change. */
  async function editable(memberId: number, checkinId: number, now: Date): Promise<Checkin> {
    const [row] = await db
      .select({ checkin: checkins, timeZone: members.timeZone })
      .from(checkins)
      .innerJoin(members, eq(members.id, checkins.memberId))
      .where(eq(checkins.id, checkinId));
    return checkEditable(row, memberId, now);
  }

  /**
   * Validates the new values, then changes the entry and the stored streak in one transaction (the streak is
   * recomputed from the whole history, so whatever the streak rules count follows the change).
   */
  async function edit(memberId: number, checkinId: number, raw: Record<string, unknown>, now: Date) {
    const input = parseInput(editSchema, raw);
    return change(memberId, checkinId, now, async (tx) => {
      const [updated] = await tx
        .update(checkins)
        .set({ minutes: input.minutes, note: input.note ?? null, link: input.link ?? null })
        .where(eq(checkins.id, checkinId))
        .returning();
      if (!updated) throw new Error('checked entry vanished inside its transaction');
      return updated;
    });
  }

  async function remove(memberId: number, checkinId: number, now: Date): Promise<ChangeResult> {
    return change(memberId, checkinId, now, async (tx, found) => {
      await tx.delete(checkins).where(eq(checkins.id, checkinId));
      return found;
    });
  }

  async function change(
    memberId: number,
    checkinId: number,
    now: Date,
    apply: (tx: Db, found: Checkin) => Promise<Checkin>,
  ): Promise<ChangeResult> {
    return db.transaction(async (tx) => {
      if (!(await lockMember(tx, memberId))) throw notEnrolled();
      const [row] = await tx
        .select({ checkin: checkins, timeZone: members.timeZone })
        .from(checkins)
        .innerJoin(members, eq(members.id, checkins.memberId))
        .where(eq(checkins.id, checkinId));
      const found = checkEditable(row, memberId, now);
      const checkin = await apply(tx, found);
      return { checkin, streak: await refreshStreak(tx, memberId, rules) };
    });
  }

  return { recent, datesSince, editable, edit, remove };
}

function checkEditable(row: { checkin: Checkin; timeZone: string } | undefined, memberId: number, now: Date): Checkin {
  if (!row)
    throw new UserFacingError('This entry no longer exists (it was deleted). Use /history to see your entries.');
  if (row.checkin.memberId !== memberId)
    throw new UserFacingError('This entry is not yours, so it cannot be changed. Use /history to see your entries.');
  const today = localDateOf(now, row.timeZone);
  if (!isEditable(row.checkin.localDate, today))
    throw new UserFacingError(
      `This entry is from ${row.checkin.localDate}: entries older than ${editableDays} days cannot be changed.`,
    );
  return row.checkin;
}
