import type { Delivery, Member } from '../../schema/index.js';
import { freezeNewsBetween } from '../coach/freeze-news.js';
import { streakRulesFor } from '../coach/routine.js';
import { decideDue } from '../coach/schedule.js';
import { dayEndsAt, isPaused, lastEndedDay, type StreakView, streakAsOf } from '../coach/streak.js';
import { addDays, weekStartOf } from '../coach/time.js';
import { todayPlanFor } from '../coach/today.js';
import type { Context } from '../context.js';
import { isNudgeMessageFor, renderNudge } from '../discord/nudge-render.js';
import { withCoaching } from '../discord/review-render.js';
import { isClosedDms, type Sender } from '../discord/sender.js';
import { freezeNewsLine } from '../discord/streak-render.js';
import type { Db } from '../store/db.js';
import { planNextNudge } from '../store/deliveries.repository.js';
import { storedStreakOf } from '../store/streaks.js';
import { coachingFor, extensionsOf, mustSpeak, reviewStepFor } from './coaching.js';
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
  // Pauses, phase reviews and the week's check-ins in one round trip (DESIGN.md: the tick costs what is due).
  const facts = await store.coaching.nudgeFacts(member.id, delivery.localDate);
  const { pauses } = facts;
  const step = reviewStepFor(delivery, member, facts, ctx);
  const checkedIn = facts.recentCheckins.has(delivery.localDate) && !mustSpeak(step);
  const reason = skipReason(member, isPaused(delivery.localDate, pauses), checkedIn);
  if (reason) return skip(reason);

  const today = todayPlanFor(ctx.plan, member.planStartDate, pauses, delivery.localDate, extensionsOf(facts));
  // The member row carries the stored streak and the pauses are loaded; the week's commitments are one
  // read by their unique key (member, week).
  // Days not over yet (yesterday within the check-in grace) neither spend a freeze nor break the streak.
  const view = streakAsOf(
    storedStreakOf(member),
    delivery.localDate,
    lastEndedDay(now, member.timeZone, ctx.config.checkinGraceHours),
    pauses,
    streakRulesFor(ctx.plan),
  );
  const commitments = await store.reflections.forWeek(member.id, weekStartOf(delivery.localDate));
  const isNudge = delivery.kind === 'nudge';
  const coaching = isNudge
    ? await coachingFor(ctx, member, delivery.localDate, facts, step, today, now)
    : { note: undefined };
  const freezeLine = isNudge ? await freezeLineFor(member, delivery, view, ctx, now) : undefined;
  try {
    const channelId = member.dmChannelId ?? (await openAndStoreDm(member, ctx, sender));
    // The row's nonce with enforce_nonce too: while Discord remembers it, a retry returns the first message.
    const message = await sender.send(channelId, {
      ...withCoaching(
        renderNudge(today, view.current, isNudge ? 'nudge' : 'snooze', { commitments, freezeLine }),
        coaching,
      ),
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

function skipReason(member: Member, paused: boolean, checkedIn: boolean): string | undefined {
  if (paused) return 'paused';
  if (!member.dmsEnabled) return 'DMs turned off in /settings';
  // Closed DMs stop nudges until the member interacts again: one failed request per member, not one a day.
  if (member.dmsClosedAt) return 'DMs closed';
  if (checkedIn) return 'already checked in';
  return undefined;
}

/** What happened to the streak since the last nudge (a freeze spent, or none held), in one line. */
async function freezeLineFor(
  member: Member,
  delivery: Delivery,
  view: StreakView,
  ctx: Context,
  now: Date,
): Promise<string | undefined> {
  const graceHours = ctx.config.checkinGraceHours;
  const since = addDays(delivery.localDate, -3);
  // Stored frozen days never lie after the stored streak's last day: most members need no query.
  const recent = member.streakLastDate !== null && member.streakLastDate >= since;
  const stored = recent ? await ctx.store.freezes.frozenDays(member.id, since) : [];
  const endsAt = (date: string) => dayEndsAt(date, member.timeZone, graceHours);
  return freezeNewsLine(freezeNewsBetween(view, stored, endsAt, new Date(now.getTime() - 86_400_000), now));
}

async function openAndStoreDm(member: Member, ctx: Context, sender: Sender): Promise<string> {
  const channelId = await sender.openDm(member.discordUserId);
  await ctx.store.members.setDmChannel(member.id, channelId);
  return channelId;
}
