import { AttachmentBuilder, SlashCommandBuilder } from 'discord.js';
import { notEnrolled } from '../src/coach/errors.js';
import { bragDocument, checkinsCsv } from '../src/coach/export.js';
import type { Command } from '../src/discord/command.js';
import { memberToday } from '../src/discord/member.js';
import { activityLabels } from '../src/discord/render.js';

export const exportFileNames = {
  json: 'career-coach-data.json',
  csv: 'career-coach-checkins.csv',
  brag: 'brag-document.md',
} as const;

export const exportCommand = {
  data: new SlashCommandBuilder()
    .setName('export')
    .setDescription('Download your data: everything as JSON, check-ins as CSV, and a brag document'),
  ephemeral: true,
  async execute(interaction, ctx) {
    const { member, today } = await memberToday(interaction, ctx);
    const data = await ctx.store.memberData.exportData(member.id);
    if (!data) throw notEnrolled();
    const [checkins, pauses] = [
      await ctx.store.checkins.listForMember(member.id),
      await ctx.store.members.pauses(member.id),
    ];
    const milestones = (data.tables.milestones_done ?? []).map((row) => ({
      milestoneId: String(row.milestone_id),
      localDate: String(row.local_date),
    }));
    const brag = bragDocument({
      plan: ctx.plan,
      name: member.displayName ?? interaction.user.username,
      today,
      planStartDate: member.planStartDate,
      pauses,
      checkins,
      milestones,
      longestStreak: member.streakBest,
      freezesUsed: (data.tables.frozen_days ?? []).length,
      activityLabels,
    });
    const json = JSON.stringify({ exportedAt: ctx.clock().toISOString(), ...data }, null, 2);
    const file = (text: string, name: string, description: string) =>
      new AttachmentBuilder(Buffer.from(text, 'utf8'), { name, description });
    return {
      content:
        `📦 Your data: ${checkins.length} check-in${checkins.length === 1 ? '' : 's'}, ` +
        `${milestones.length} milestone${milestones.length === 1 ? '' : 's'}. ` +
        'The brag document lists your outputs (links) by phase, ready for a review or a CV.',
      files: [
        file(json, exportFileNames.json, 'Every row the bot keeps about you'),
        file(checkinsCsv(checkins), exportFileNames.csv, 'Your check-ins'),
        file(brag, exportFileNames.brag, 'Your outputs by phase, milestones and totals'),
      ],
    };
  },
} satisfies Command;
