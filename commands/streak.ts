import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/discord/command.js';
import { memberToday } from '../src/discord/member.js';
import { personalHeatmap } from '../src/discord/personal-heatmap.js';
import { streakLine } from '../src/discord/render.js';

export const streak = {
  data: new SlashCommandBuilder().setName('streak').setDescription('Your current and best streak'),
  ephemeral: true,
  async execute(interaction, ctx) {
    const { member, today } = await memberToday(interaction, ctx);
    const current = await ctx.store.checkins.streakOn(member.id, today);
    const hint = current.current === 0 ? '\nCheck in today with /checkin to start a new one.' : '';
    return {
      content:
        `${streakLine(current)}\nSaturday is optional: skipping it never breaks your streak; paused days ` +
        `neither.${hint}`,
      files: [await personalHeatmap(member, today, ctx)],
    };
  },
} satisfies Command;
