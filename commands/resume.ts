import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/discord/command.js';
import { memberToday } from '../src/discord/member.js';

export const resume = {
  data: new SlashCommandBuilder()
    .setName('resume')
    .setDescription('Back from a pause: nudges start again and your plan continues'),
  ephemeral: true,
  async execute(interaction, ctx) {
    const { member, today } = await memberToday(interaction, ctx);
    const { pausedDays } = await ctx.store.members.resume(member.id, today);
    return {
      content:
        `▶️ Welcome back! Your plan moved ${pausedDays} day${pausedDays === 1 ? '' : 's'} later to make ` +
        `up for the pause.`,
    };
  },
} satisfies Command;
