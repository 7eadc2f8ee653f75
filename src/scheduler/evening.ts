import type { Delivery, Member } from '../../schema/index.js';
import { streakRulesFor } from '../coach/routine.js';
import { decideDue } from '../coach/schedule.js';
import { isPaused, lastEndedDay, streakAsOf, weekdayIsOptional } from '../coach/streak.js';
import { todayPlanFor } from '../coach/today.js';
import type { Context } from '../context.js';
import { isNudgeMessageFor } from '../discord/nudge-render.js';
import { isClosedDms, type Sender } from '../discord/sender.js';
import { renderEveningSave } from '../discord/streak-render.js';
import { storedStreakOf } from '../store/streaks.js';
import { mayHaveBeenSent, recordSent, retryOrGiveUp } from './retry.js';

/**
 * Delivers one claimed evening save, exactly once like a nudge. Everything that makes it pointless is
 * checked again now, not when it was planned: a check-in since, a pause, an optional day, closed or
 * turned-off DMs. Skip today (a rest day or quiet) cancels the row itself, in the same transaction. It plans nothing:
 * the next one is planned with the next nudge.
 */
export async function deliverEvening(delivery: Delivery, ctx: Context, sender: Sender, now: Date): Promise<string> {
  const { store } = ctx;
  const member = await store.members.findById(delivery.subjectId);
  const skip = async (outcome: string) => {
    await store.deliveries.finish(delivery, 'skipped', outcome, { now });
    return 'skipped';
  };
  if (!member) return skip('member left');
  const earlier = mayHaveBeenSent(delivery) ? await findEarlierEvening(delivery, member, sender) : undefined;
  if (earlier) {
    await recordSent(ctx, delivery, 'sent (found in the channel on retry)', { now, messageId: earlier });
    return 'sent';
  }
  const graceMs = ctx.config.nudgeGraceHours * 3_600_000;
  if (decideDue(delivery.dueAt, now, graceMs) === 'too_late') return skip('too late: past the grace window');
  const rules = streakRulesFor(ctx.plan);
  const pauses = await store.members.pauses(member.id);
  const date = delivery.localDate;
  if (isPaused(date, pauses)) return skip('paused');
  if (weekdayIsOptional(date, rules)) return skip('optional day');
  if (!member.eveningTime) return skip('evening save turned off');
  if (!member.dmsEnabled) return skip('DMs turned off in /settings');
  if (member.dmsClosedAt) return skip('DMs closed');
  if ((await store.checkins.minutesOn(member.id, date)) > 0) return skip('already checked in');

  const view = streakAsOf(
    storedStreakOf(member),
    date,
    lastEndedDay(now, member.timeZone, ctx.config.checkinGraceHours),
    pauses,
    rules,
  );
  const today = todayPlanFor(ctx.plan, member.planStartDate, pauses, date);
  try {
    const channelId = member.dmChannelId ?? (await openAndStoreDm(member, ctx, sender));
    const message = await sender.send(channelId, {
      ...renderEveningSave(today, view),
      nonce: delivery.nonce,
      enforce_nonce: true,
    });
    await recordSent(ctx, delivery, 'sent', { now, messageId: message.id });
    return 'sent';
  } catch (error) {
    if (isClosedDms(error)) {
      await store.members.markDmsClosed(member.id, now);
      await store.deliveries.finish(delivery, 'failed', 'DMs closed (50007)', { now });
      return 'dms_closed';
    }
    return retryOrGiveUp(delivery, ctx, now, error);
  }
}

async function findEarlierEvening(delivery: Delivery, member: Member, sender: Sender): Promise<string | undefined> {
  if (!member.dmChannelId) return undefined;
  const recent = await sender.recent(member.dmChannelId, 20);
  return recent.find((message) => isNudgeMessageFor(message, 'evening', delivery.localDate))?.id;
}

async function openAndStoreDm(member: Member, ctx: Context, sender: Sender): Promise<string> {
  const channelId = await sender.openDm(member.discordUserId);
  await ctx.store.members.setDmChannel(member.id, channelId);
  return channelId;
}
