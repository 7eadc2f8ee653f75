import type { Delivery, Member } from '../../schema/index.js';
import { streakRulesFor } from '../coach/routine.js';
import { decideDue } from '../coach/schedule.js';
import { currentStreakOn, isPaused } from '../coach/streak.js';
import { weekStartOf } from '../coach/time.js';
import { todayPlanFor } from '../coach/today.js';
import type { Context } from '../context.js';
import { isNudgeMessageFor, renderNudge } from '../discord/nudge-render.js';
import { isClosedDms, type Sender } from '../discord/sender.js';
import type { Db } from '../store/db.js';
import { planNextNudge } from '../store/deliveries.repository.js';
import { mayHaveBeenSent, recordSent, retryOrGiveUp } from './retry.js';

/** Delivers one claimed nudge or snooze row and records what happened (exactly once, see DESIGN.md). */
export async function deliverNudge(delivery: Delivery, ctx: Context, sender: Sender, now: Date): Promise<string> {
  const { store } = ctx;
  const graceMs = ctx.config.nudgeGraceHours * 3_600_000;
  const member = await store.members.findById(delivery.subjectId);
  if (!member) {
    await store.deliveries.finish(delivery, 'skipped', 'member left', { now });
    return 'skipped';
  }
  // Only the daily row plans the next day; a snooze is a one-off.
  const next =
    delivery.kind === 'nudge'
      ? (tx: Db) => planNextNudge(tx, member, now, { after: delivery.localDate, graceMs })
      : undefined;
  // Checked before anything else: a crashed attempt may have delivered it before the member checked in.
  const earlier = mayHaveBeenSent(delivery) ? await findEarlierNudge(delivery, member, sender) : undefined;
  if (earlier) {
    await recordSent(ctx, delivery, 'sent (found in the channel on retry)', {
      now,
      messageId: earlier,
      planNext: next,
    });
    return 'sent';
  }
  const skip = async (outcome: string) => {
    await store.deliveries.finish(delivery, 'skipped', outcome, { now, planNext: next });
    return 'skipped';
  };
  if (decideDue(delivery.dueAt, now, graceMs) === 'too_late') return skip('too late: past the grace window');
  const pauses = await store.members.pauses(member.id);
  const reason = await skipReason(member, delivery, ctx, isPaused(delivery.localDate, pauses));
  if (reason) return skip(reason);

  const today = todayPlanFor(ctx.plan, member.planStartDate, pauses, delivery.localDate);
  // The member row carries the stored streak and the pauses are loaded; the week's commitments are one
  // read by their unique key (member, week).
  const stored = { current: member.streakCurrent, best: member.streakBest, lastDate: member.streakLastDate };
  const streak = currentStreakOn(stored, delivery.localDate, pauses, streakRulesFor(ctx.plan));
  const commitments = await store.reflections.forWeek(member.id, weekStartOf(delivery.localDate));
  try {
    const channelId = member.dmChannelId ?? (await openAndStoreDm(member, ctx, sender));
    // The row's nonce with enforce_nonce too: while Discord remembers it, a retry returns the first message.
    const message = await sender.send(channelId, {
      ...renderNudge(today, streak, delivery.kind === 'snooze' ? 'snooze' : 'nudge', { commitments }),
      nonce: delivery.nonce,
      enforce_nonce: true,
    });
    return recordSent(ctx, delivery, 'sent', { now, messageId: message.id, planNext: next }).then(() => 'sent');
  } catch (error) {
    if (isClosedDms(error)) {
      await store.members.markDmsClosed(member.id, now);
      await store.deliveries.finish(delivery, 'failed', 'DMs closed (50007)', { now, planNext: next });
      return 'dms_closed';
    }
    return retryOrGiveUp(delivery, ctx, now, error, next);
  }
}

/** The message an earlier attempt of this row sent, if it is among the DM channel's latest messages. */
async function findEarlierNudge(delivery: Delivery, member: Member, sender: Sender): Promise<string | undefined> {
  if (!member.dmChannelId) return undefined; // no channel: nothing can have been sent
  const kind = delivery.kind === 'snooze' ? 'snooze' : 'nudge';
  const recent = await sender.recent(member.dmChannelId, 20);
  return recent.find((message) => isNudgeMessageFor(message, kind, delivery.localDate))?.id;
}

async function skipReason(
  member: Member,
  delivery: Delivery,
  ctx: Context,
  paused: boolean,
): Promise<string | undefined> {
  if (paused) return 'paused';
  if (!member.dmsEnabled) return 'DMs turned off in /settings';
  // Closed DMs stop nudges until the member interacts again: one failed request per member, not one a day.
  if (member.dmsClosedAt) return 'DMs closed';
  if ((await ctx.store.checkins.minutesOn(member.id, delivery.localDate)) > 0) return 'already checked in';
  return undefined;
}

async function openAndStoreDm(member: Member, ctx: Context, sender: Sender): Promise<string> {
  const channelId = await sender.openDm(member.discordUserId);
  await ctx.store.members.setDmChannel(member.id, channelId);
  return channelId;
}
