import { and, lte, sql } from 'drizzle-orm';
import { deliveries } from '../../schema/index.js';
import type { Db } from './db.js';

/**
 * Pending deliveries due by `now`, and those due before `overdueBefore` (read at each /metrics scrape).
 * The status is a literal so the planner can use the partial index of pending rows by due time
 * (`deliveries_pending_due_idx`): the cost is what is due, not what exists.
 */
export async function countDeliveryBacklog(
  db: Db,
  now: Date,
  overdueBefore: Date,
): Promise<{ due: number; overdue: number }> {
  const overdue = sql`${deliveries.dueAt} < ${overdueBefore.toISOString()}::timestamptz`;
  const [row] = await db
    .select({
      due: sql<number>`count(*)::int`,
      overdue: sql<number>`(count(*) filter (where ${overdue}))::int`,
    })
    .from(deliveries)
    .where(and(sql`${deliveries.status} = 'pending'`, lte(deliveries.dueAt, now)));
  return { due: Number(row?.due ?? 0), overdue: Number(row?.overdue ?? 0) };
}
