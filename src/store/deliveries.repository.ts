import { randomBytes } from 'node:crypto';
import { and, eq, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { type Delivery, deliveries, type Member, members } from '../../schema/index.js';
import { firstNudgeDate, nudgeDueAt, nudgeLookbackDays, planNudgeDates } from '../coach/schedule.js';
import { addDays, type LocalDate, localDateOf } from '../coach/time.js';
import type { Db } from './db.js';

/** The outcome recorded for a nudge or summary whose time passed while no bot process was running. */
export const missedOutcome = 'too late: missed while the bot was down';

export type FinalStatus = 'sent' | 'skipped' | 'failed' | 'cancelled';

// Discord accepts nonces of up to 25 characters; a fresh one per (re-)armed row.
export const newNonce = () => randomBytes(9).toString('base64url');

/** Not claimed, or claimed by a process whose lease ran out. */
const leaseFree = (now: Date) => or(isNull(deliveries.leaseUntil), lt(deliveries.leaseUntil, now));

export function createDeliveriesRepository({ db }: { db: Db }) {
  /**
   * Claims due rows in one statement (DESIGN.md, exactly-once): rows locked by another process
   * are skipped, and a lease makes a row claimable again only if its claimer died mid-send.
   */
  async function claimDue(now: Date, limit: number, leaseMs: number): Promise<Delivery[]> {
    const leaseUntil = new Date(now.getTime() + leaseMs);
    const due = db
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(and(eq(deliveries.status, 'pending'), lte(deliveries.dueAt, now), leaseFree(now)))
      .orderBy(deliveries.dueAt)
      .limit(limit)
      .for('update', { skipLocked: true });
    return db
      .update(deliveries)
      .set({ leaseUntil, attempts: sql`${deliveries.attempts} + 1` })
      .where(inArray(deliveries.id, due))
      .returning();
  }

  /**
   * Records the outcome of a claimed row; `planNext` runs in the same transaction (planning the next
   * nudge or summary), so a crash can never leave a member or group with nothing planned.
   */
  async function finish(
    delivery: Delivery,
    status: FinalStatus,
    outcome: string,
    extra: { now: Date; messageId?: string; planNext?: (tx: Db) => Promise<void> },
  ): Promise<void> {
    await db.transaction(async (tx) => {
      await tx
        .update(deliveries)
        .set({ status, outcome, messageId: extra.messageId ?? null, leaseUntil: null, finishedAt: extra.now })
        .where(eq(deliveries.id, delivery.id));
      await extra.planNext?.(tx);
    });
  }

  /**
   * Extends the lease of rows still being sent. A row is renewed only by its current claimer: one
   * re-claimed by another process since (its attempt count moved on) is left alone.
   */
  async function renew(claims: readonly Pick<Delivery, 'id' | 'attempts'>[], leaseUntil: Date): Promise<void> {
    if (claims.length === 0) return;
    const claimed = claims.map((c) => and(eq(deliveries.id, c.id), eq(deliveries.attempts, c.attempts)));
    await db
      .update(deliveries)
      .set({ leaseUntil })
      .where(and(eq(deliveries.status, 'pending'), or(...claimed)));
  }

  /** A transient failure: the row is claimable again at `retryAt`, with the same nonce (so no duplicate). */
  async function release(id: number, retryAt: Date): Promise<void> {
    await db.update(deliveries).set({ leaseUntil: retryAt }).where(eq(deliveries.id, id));
  }

  /**
   * Gives back a row its claimer did not send because it is shutting down: claimable at once by any
   * process. `nothingSent`: not one message of this claim reached Discord, so the claim is undone
   * (attempts as before it, and no look in the channel is owed for it); otherwise attempts stay and the
   * next claimer looks in the channel first, as after a crash. Only while this claim still holds.
   */
  async function unclaim(delivery: Pick<Delivery, 'id' | 'attempts'>, nothingSent: boolean): Promise<void> {
    await db
      .update(deliveries)
      .set({ leaseUntil: null, attempts: nothingSent ? delivery.attempts - 1 : delivery.attempts })
      .where(
        and(
          eq(deliveries.id, delivery.id),
          eq(deliveries.attempts, delivery.attempts),
          eq(deliveries.status, 'pending'),
        ),
      );
  }

  /** Arms (or re-arms) the snooze reminder of one local date. */
  async function snooze(memberId: number, localDate: LocalDate, dueAt: Date): Promise<void> {
    await db
      .insert(deliveries)
      .values({ kind: 'snooze', subjectId: memberId, localDate, dueAt, nonce: newNonce() })
      .onConflictDoUpdate({
        target: [deliveries.kind, deliveries.subjectId, deliveries.localDate],
        set: {
          dueAt,
          status: 'pending',
          nonce: newNonce(),
          leaseUntil: null,
          attempts: 0,
          outcome: null,
          finishedAt: null,
        },
      });
  }

  /** "Skip today": no snooze reminder or evening save for that date; the day's nudge, if still pending, neither. */
  async function skipDay(memberId: number, localDate: LocalDate, now: Date): Promise<void> {
    await cancelDay(db, memberId, localDate, now);
  }

  return { claimDue, renew, finish, release, unclaim, snooze, skipDay };
}

/** Cancels what is still pending for a member's local date (nudge, snooze, evening save). */
export async function cancelDay(tx: Db, memberId: number, localDate: LocalDate, now: Date): Promise<void> {
  await tx
    .update(deliveries)
    .set({ status: 'cancelled', outcome: 'skipped by member', finishedAt: now, leaseUntil: null })
    .where(
      and(
        eq(deliveries.subjectId, memberId),
        eq(deliveries.localDate, localDate),
        eq(deliveries.status, 'pending'),
        inArray(deliveries.kind, ['nudge', 'snooze', 'evening']),
      ),
    );
}

/** Replans a member's pending nudge and evening save after enrollment or a change of zone, nudge or evening time. */
export async function replanNudge(tx: Db, member: Member, now: Date): Promise<void> {
  // A row being sent right now (leased) is left alone: it goes out once, as claimed.
  await tx
    .delete(deliveries)
    .where(
      and(
        inArray(deliveries.kind, ['nudge', 'evening']),
        eq(deliveries.subjectId, member.id),
        eq(deliveries.status, 'pending'),
        leaseFree(now),
      ),
    );
  await planNextNudge(tx, member, now);
}

/** Writes a member's next nudge row (and the dates missed while the bot was down) as `planNudgeDates` decides. */
export async function planNextNudge(
  tx: Db,
  member: Member,
  now: Date,
  follow?: { after: LocalDate; graceMs: number },
): Promise<void> {
  // A member forgotten (/forget) while their nudge was being sent gets no next one: the lock waits for a /forget
  // in progress, and deliveries.subject_id has no foreign key that would refuse the row.
  const [exists] = await tx.select({ id: members.id }).from(members).where(eq(members.id, member.id)).for('share');
  if (!exists) return;
  const since = addDays(localDateOf(now, member.timeZone), -nudgeLookbackDays);
  const rows = await tx
    .select({ localDate: deliveries.localDate })
    .from(deliveries)
    .where(and(eq(deliveries.kind, 'nudge'), eq(deliveries.subjectId, member.id), gte(deliveries.localDate, since)));
  const taken = new Set(rows.map((r) => r.localDate));
  const plan = planNudgeDates(now, member, taken, follow);
  const row = (localDate: LocalDate) => ({
    kind: 'nudge' as const,
    subjectId: member.id,
    localDate,
    dueAt: nudgeDueAt(localDate, member.nudgeTime, member.timeZone),
    nonce: newNonce(),
  });
  if (plan.missed.length > 0) {
    const missed = plan.missed.map((date) => ({
      ...row(date),
      status: 'skipped' as const,
      outcome: missedOutcome,
      finishedAt: now,
    }));
    await tx.insert(deliveries).values(missed).onConflictDoNothing();
  }
  await tx.insert(deliveries).values(row(plan.next)).onConflictDoNothing();
  await planEvenings(tx, member, now, plan.next);
}

/**
 * The evening save is planned with the nudge of its date (the nudge's planning already runs once per member
 * and day, so it costs no tick of its own), and for the first date whose evening time is still ahead (turned
 * on in the afternoon: tonight). The unique key keeps one per date, whatever plans it.
 */
async function planEvenings(tx: Db, member: Member, now: Date, nudgeDate: LocalDate): Promise<void> {
  const { eveningTime, timeZone } = member;
  if (!eveningTime) return;
  const dates = new Set([nudgeDate, firstNudgeDate(now, eveningTime, timeZone, new Set())]);
  const rows = [...dates].map((localDate) => ({
    kind: 'evening' as const,
    subjectId: member.id,
    localDate,
    dueAt: nudgeDueAt(localDate, eveningTime, timeZone),
    nonce: newNonce(),
  }));
  await tx.insert(deliveries).values(rows).onConflictDoNothing();
}
