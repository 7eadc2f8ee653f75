import type { Delivery } from '../../schema/index.js';
import { decideDue } from '../coach/schedule.js';
import type { Context } from '../context.js';
import { isChannelRefusal, type Sender } from '../discord/sender.js';
import { composeWeeklySummary, findPostedParts, postSummary } from '../discord/weekly-summary.js';
import type { Db } from '../store/db.js';
import { planNextSummary } from '../store/groups.repository.js';
import { mayHaveBeenSent, recordSent, retryOrGiveUp } from './retry.js';
import { NotStarted } from './send-gate.js';

/** The parts of this row's summary an earlier attempt posted; none when it cannot have, or cannot be read. */
async function partsPostedEarlier(
  delivery: Delivery,
  channelId: string | null,
  sender: Sender,
  ctx: Context,
): Promise<Map<number, string>> {
  if (!channelId || !mayHaveBeenSent(delivery)) return new Map();
  try {
    return await findPostedParts(sender, channelId, delivery.nonce);
  } catch (error) {
    if (error instanceof NotStarted) throw error;
    // Without Read Message History the nonce is the only guard left; say so, and go on.
    ctx.log.warn({ err: error, deliveryId: delivery.id }, 'cannot read the summary channel to check for a re-post');
    return new Map();
  }
}

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
  // A crashed attempt may have posted some parts already: those are finished, whatever the time.
  const posted = await partsPostedEarlier(delivery, group.summaryChannelId, sender, ctx);
  if (posted.size === 0 && decideDue(delivery.dueAt, now, graceMs) === 'too_late') {
    await store.deliveries.finish(delivery, 'skipped', 'too late: past the grace window', { now, planNext });
    return 'skipped';
  }
  if (!group.summaryChannelId) {
    await store.deliveries.finish(delivery, 'skipped', 'no summary channel (/setup)', { now, planNext });
    return 'skipped';
  }
  try {
    const summary = await composeWeeklySummary(ctx, group, delivery.localDate, now);
    const firstId = await postSummary(sender, group.summaryChannelId, summary, delivery.nonce, posted);
    const outcome = `sent ${summary.messages.length} message(s) for ${summary.members} member(s)`;
    const resumed = posted.size > 0 ? `, ${posted.size} found in the channel on retry` : '';
    await recordSent(ctx, delivery, `${outcome}${resumed}`, { now, messageId: firstId, planNext });
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
