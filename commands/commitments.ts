import { SlashCommandBuilder } from 'discord.js';
import { weekStartOf } from '../src/coach/time.js';
import type { Command } from '../src/discord/command.js';
import { renderWeekCommitments } from '../src/discord/commitments-render.js';
import { memberToday } from '../src/discord/member.js';

export const commitments = {
  data: new SlashCommandBuilder()
    .setName('commitments')
    .setDescription("This week's commitments from your last reflection; mark them done"),
  ephemeral: true,
  async execute(interaction, ctx) {
    const { member, today } = await memberToday(interaction, ctx);
    const weekStart = weekStartOf(today);
    return renderWeekCommitments(weekStart, await ctx.store.reflections.forWeek(member.id, weekStart));
  },
} satisfies Command;
