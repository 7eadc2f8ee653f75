import { EmbedBuilder } from 'discord.js';
import type { Member } from '../../schema/index.js';
import type { PlanPosition } from '../coach/progress.js';
import type { TodayPlan } from '../coach/today.js';
import type { ActivityKind } from '../plan/model.js';
import type { MemberProgress } from '../store/progress.repository.js';
import type { Reply } from './command.js';
import { areaFields } from './milestones.js';

export const activityLabels: Record<ActivityKind, string> = {
  coding: 'Coding practice',
  open_source: 'Open source',
  writing: 'Writing',
  deep_dive: 'Deep dive',
  reflection: 'Reflection + planning',
};
export const weekdayLabels = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
} as const;
const brand = 0x5865f2;

export function describePosition(position: PlanPosition): string {
  if (position.status === 'not_started')
    return `Your plan starts in ${position.startsInDays} day${position.startsInDays === 1 ? '' : 's'}.`;
  if (position.status === 'completed') return 'You have completed the 12-month plan. 🎉';
  const phase = `Phase ${position.phase.number} · ${position.phase.title}`;
  if (position.extension) return `${phase} — extended (week ${position.extension.week} of ${position.extension.weeks})`;
  return `${phase} — month ${position.month}, week ${position.week}`;
}

export function streakText(streak: { current: number; best: number }): string {
  return `**${streak.current}** day${streak.current === 1 ? '' : 's'} (best ${streak.best})`;
}

export function streakLine(streak: { current: number; best: number }): string {
  return `🔥 Streak: ${streakText(streak)}`;
}

export function renderToday(today: TodayPlan): Reply {
  const { routine } = today;
  const embed = new EmbedBuilder()
    .setColor(brand)
    .setTitle(
      `${weekdayLabels[today.weekday]}: ${routine.title} (${routine.minutes} ` +
        `min${routine.optional ? ', optional' : ''})`,
    )
    .setDescription(
      [`Today: ${routine.what}.`, today.focus ? `Focus: ${today.focus.text}` : undefined].filter(Boolean).join('\n'),
    )
    .addFields({ name: 'Goal of this phase', value: today.phase.goal })
    .setFooter({ text: describePosition(today.position) });
  return { embeds: [embed] };
}

export function renderProgress(progress: MemberProgress): Reply {
  const embed = new EmbedBuilder()
    .setColor(brand)
    .setTitle('Your progress')
    .setDescription(describePosition(progress.position));
  if (progress.position.status === 'active') {
    embed.addFields(
      { name: 'Phase elapsed', value: `${Math.round(progress.elapsedShare * 100)}%`, inline: true },
      { name: 'Days done', value: `${progress.daysDone} of ${progress.daysRequired} planned`, inline: true },
      { name: 'Milestones', value: `${progress.milestonesDone} of ${progress.milestonesTotal}`, inline: true },
      ...areaFields(progress.areas),
      { name: 'Goal', value: progress.position.phase.goal },
    );
  }
  embed.addFields({ name: '🔥 Streak', value: streakText(progress.streak) });
  return { embeds: [embed] };
}

export function renderSettings(member: Member, paused: boolean): Reply {
  const dms = !member.dmsEnabled
    ? 'off'
    : member.dmsClosedAt
      ? 'on, but Discord refused the last DM (see /start)'
      : 'on';
  const lines = [
    `Time zone: **${member.timeZone}**`,
    `Daily nudge: **${member.nudgeTime}** local time`,
    `Evening save: ${member.eveningTime ? `**${member.eveningTime}** local time, unless you checked in` : '**off**'}`,
    `DM nudges: **${dms}**`,
    `Plan start: **${member.planStartDate}**`,
    `Weekly summary visibility: **${member.visibility}**`,
    paused ? 'Paused: **yes** (use /resume)' : undefined,
  ];
  return { content: lines.filter(Boolean).join('\n') };
}

export const closedDmsHelp =
  'I could not send you a DM: your direct messages are closed for this server. To get daily nudges, open the ' +
  'server menu → ' +
  '**Privacy Settings** → turn on **Direct Messages**, then run /start again.';
