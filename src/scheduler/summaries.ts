import type { Delivery } from '../../schema/index.js';
import { decideDue } from '../coach/schedule.js';
import type { Context } from '../context.js';
import { composeWeeklySummary } from '../discord/weekly-summary.js';
import type { Db } from '../store/db.js';
import { planNextSummary } from '../store/groups.repository.js';
import type { Sender } from './sender.js';

const maxAttempts = 5;

/**
 * Posts one group's weekly summary (one or more messages, the first with the heatmap). Each
 * message carries the row's nonce plus its index: a retry after a crash re-posts none twice.
 */
export async function deliverSummary(delivery: Delivery, ctx: Context, sender: Sender, now: Date): Promise<string> {
  const { store } = ctx;
  const group = await store.groups.findById(delivery.subjectId);
  if (!group) {
    await store.deliveries.finish(delivery, 'skipped', 'group removed', { now });
    return 'skipped';
  }
  const graceMs = ctx.config.summaryGraceHours * 3_600_000;
  const then = (tx: Db) => planNextSummary(tx, group, now, { after: delivery.localDate, graceMs });
  if (decideDue(delivery.dueAt, now, graceMs) === 'too_late') {
    await store.deliveries.finish(delivery, 'skipped', 'too late: past the grace window', { now, then });
    return 'skipped';
  }
  if (!group.summaryChannelId) {
    await store.deliveries.finish(delivery, 'skipped', 'no summary channel (/setup)', { now, then });
    return 'skipped';
  }
  try {
    const summary = await composeWeeklySummary(ctx, group, delivery.localDate, now);
    let firstId: string | undefined;
    for (const [index, message] of summary.messages.entries()) {
      const files = index === 0 && summary.heatmap ? [summary.heatmap] : undefined;
      const sent = await sender.send(group.summaryChannelId, { ...message, nonce: `${delivery.nonce}.${index}`, enforce_nonce: true }, files);
      firstId ??= sent.id;
    }
    await store.deliveries.finish(delivery, 'sent', `sent ${summary.messages.length} message(s) for ${summary.members} member(s)`, { now, messageId: firstId, then });
    return 'summary_sent';
  } catch (error) {
    if (delivery.attempts >= maxAttempts) {
      ctx.log.error({ err: error, deliveryId: delivery.id }, 'weekly summary failed, giving up');
      await store.deliveries.finish(delivery, 'failed', 'gave up after retries', { now, then });
      return 'failed';
    }
    ctx.log.warn({ err: error, deliveryId: delivery.id }, 'weekly summary failed, will retry');
    await store.deliveries.release(delivery.id, new Date(now.getTime() + 30_000 * delivery.attempts));
    return 'retry';
  }
}
