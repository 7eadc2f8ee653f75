import type { Delivery } from '../../schema/index.js';
import type { Context } from '../context.js';
import { sleep } from '../startup-error.js';
import type { Db } from '../store/db.js';
import { NotStarted } from './send-gate.js';

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
  if (error instanceof NotStarted) throw error; // shutting down: the scheduler releases the row at once
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

type FinishExtra = Parameters<Context['store']['deliveries']['finish']>[3];

/**
 * A message Discord accepted is delivered, whatever the database does next: a failed write of that
 * outcome is retried, backing off (about 30 s in all), never sent down the retry path. If the
 * database stays away longer, the row's lease runs out and whoever claims it next finds the message
 * in the channel (`mayHaveBeenSent`) instead of sending it again.
 */
export async function recordSent(ctx: Context, delivery: Delivery, outcome: string, extra: FinishExtra): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await ctx.store.deliveries.finish(delivery, 'sent', outcome, extra);
      return;
    } catch (error) {
      if (attempt >= 5) throw error;
      ctx.log.warn({ err: error, deliveryId: delivery.id, attempt }, 'could not record a sent delivery; retrying');
      await sleep(500 * 2 ** attempt);
    }
  }
}

/** A row claimed before (its claimer died, or its outcome could not be recorded) may already be delivered. */
export const mayHaveBeenSent = (delivery: Delivery): boolean => delivery.attempts > 1;
