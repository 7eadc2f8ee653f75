import { randomBytes } from 'node:crypto';
import { and, eq, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { type Delivery, deliveries, type Member, members } from '../../schema/index.js';
import { nudgeDueAt, nudgeLookbackDays, planNudgeDates } from '../coach/schedule.js';
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

  /** "Skip today": no snooze reminder for that date; the day's nudge, if still pending, is cancelled too. */
  async function skipDay(memberId: number, localDate: LocalDate, now: Date): Promise<void> {
    await db
      .update(deliveries)
      .set({ status: 'cancelled', outcome: 'skipped by member', finishedAt: now, leaseUntil: null })
      .where(
        and(
          eq(deliveries.subjectId, memberId),
          eq(deliveries.localDate, localDate),
          eq(deliveries.status, 'pending'),
          inArray(deliveries.kind, ['nudge', 'snooze']),
        ),
      );
  }

  return { claimDue, renew, finish, release, snooze, skipDay };
}

/** Replans a member's pending nudge after enrollment or a change of time zone or nudge time. */
export async function replanNudge(tx: Db, member: Member, now: Date): Promise<void> {
  // A row being sent right now (leased) is left alone: it goes out once, as claimed.
  await tx
    .delete(deliveries)
    .where(
      and(
        eq(deliveries.kind, 'nudge'),
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
}
