import type { Delivery } from '../../schema/index.js';
import { decideDue } from '../coach/schedule.js';
import type { Context } from '../context.js';
import { isChannelRefusal, type Sender } from '../discord/sender.js';
import { composeWeeklySummary, postSummary } from '../discord/weekly-summary.js';
import type { Db } from '../store/db.js';
import { planNextSummary } from '../store/groups.repository.js';
import { retryOrGiveUp } from './retry.js';

/** Posts one group's weekly summary (one or more messages); a retry after a crash re-posts none twice. */
export async function deliverSummary(delivery: Delivery, ctx: Context, sender: Sender, now: Date): Promise<string> {
  const { store } = ctx;
  const group = await store.groups.findById(delivery.subjectId);
  if (!group) {
    await store.deliveries.finish(delivery, 'skipped', 'group removed', { now });
    return 'skipped';
  }
  const graceMs = ctx.config.summaryGraceHours * 3_600_000;
  const planNext = (tx: Db) => planNextSummary(tx, group, now, { after: delivery.localDate, graceMs });
  if (decideDue(delivery.dueAt, now, graceMs) === 'too_late') {
    await store.deliveries.finish(delivery, 'skipped', 'too late: past the grace window', { now, planNext });
    return 'skipped';
  }
  if (!group.summaryChannelId) {
    await store.deliveries.finish(delivery, 'skipped', 'no summary channel (/setup)', { now, planNext });
    return 'skipped';
  }
  try {
    const summary = await composeWeeklySummary(ctx, group, delivery.localDate, now);
    const firstId = await postSummary(sender, group.summaryChannelId, summary, delivery.nonce);
    await store.deliveries.finish(
      delivery,
      'sent',
      `sent ${summary.messages.length} message(s) for ${summary.members} member(s)`,
      { now, messageId: firstId, planNext },
    );
    return 'summary_sent';
  } catch (error) {
    if (isChannelRefusal(error)) {
      // Retrying cannot fix a missing permission or a deleted channel; the next week tries again.
      await store.deliveries.finish(delivery, 'failed', 'cannot post in the summary channel (access or permissions)', {
        now,
        planNext,
      });
      return 'failed';
    }
    return retryOrGiveUp(delivery, ctx, now, error, planNext);
  }
}
