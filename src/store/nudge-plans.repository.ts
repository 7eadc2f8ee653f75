import { and, eq, gt } from 'drizzle-orm';
import { deliveries, members } from '../../schema/index.js';
import type { Db } from './db.js';
import { planNextNudge } from './deliveries.repository.js';

// Flagged members planned per read; each gets its own short transaction.
const planBatch = 500;

export function createNudgePlansRepository({ db }: { db: Db }) {
  /**
   * Plans a nudge for every member flagged as maybe having none pending (new members, a skipped day, a
   * row that ended without planning). Reads only flagged members, through a partial index, so a tick
   * with nothing to plan costs what is due, not what exists (DESIGN.md). Each member is visited once.
   */
  async function planMissingNudges(now: Date): Promise<number> {
    let planned = 0;
    for (let after = 0; ; ) {
      const flagged = await db
        .select({ id: members.id })
        .from(members)
        .where(and(eq(members.needsNudgePlan, true), gt(members.id, after)))
        .orderBy(members.id)
        .limit(planBatch);
      for (const { id } of flagged) if (await planIfMissing(id, now)) planned += 1;
      const last = flagged.at(-1);
      if (!last || flagged.length < planBatch) return planned;
      after = last.id;
    }
  }

  /** Under the member's lock (another process planning them is skipped): plans a nudge unless one is pending. */
  async function planIfMissing(memberId: number, now: Date): Promise<boolean> {
    return db.transaction(async (tx) => {
      const [member] = await tx
        .select()
        .from(members)
        .where(and(eq(members.id, memberId), eq(members.needsNudgePlan, true)))
        .for('update', { skipLocked: true });
      if (!member) return false;
      const [pending] = await tx
        .select({ id: deliveries.id })
        .from(deliveries)
        .where(and(eq(deliveries.kind, 'nudge'), eq(deliveries.subjectId, memberId), eq(deliveries.status, 'pending')))
        .limit(1);
      if (pending) {
        await tx.update(members).set({ needsNudgePlan: false }).where(eq(members.id, memberId));
        return false;
      }
      await planNextNudge(tx, member, now); // inserting the pending row clears the flag (migration 0004)
      return true;
    });
  }

  return { planMissingNudges };
}
