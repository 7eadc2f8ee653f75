import type { Delivery } from '../../schema/index.js';
import type { Context } from '../context.js';
import type { Db } from '../store/db.js';

const maxAttempts = 5;

/**
 * A send failed for a reason other than the recipient: try again later with the same nonce
 * (backing off), or record the failure after `maxAttempts` claims, planning what comes next.
 */
export async function retryOrGiveUp(
  delivery: Delivery,
  ctx: Context,
  now: Date,
  error: unknown,
  planNext?: (tx: Db) => Promise<void>,
): Promise<'retry' | 'failed'> {
  if (delivery.attempts >= maxAttempts) {
    ctx.log.error({ err: error, deliveryId: delivery.id, kind: delivery.kind }, 'delivery failed, giving up');
    await ctx.store.deliveries.finish(delivery, 'failed', 'gave up after retries', { now, planNext });
    return 'failed';
  }
  ctx.log.warn(
    { err: error, deliveryId: delivery.id, kind: delivery.kind, attempts: delivery.attempts },
    'delivery failed, will retry',
  );
  await ctx.store.deliveries.release(delivery.id, new Date(now.getTime() + 30_000 * delivery.attempts));
  return 'retry';
}
