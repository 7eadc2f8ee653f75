import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/discord/command.js';
import { renderForgetConfirmation } from '../src/discord/forget.js';

export const forget = {
  data: new SlashCommandBuilder().setName('forget').setDescription('Delete all the data the bot keeps about you'),
  ephemeral: true,
  async execute(interaction, ctx) {
    const member = await ctx.store.members.findByDiscordId(interaction.user.id);
    if (!member) return { content: 'There is nothing to forget: I keep no data about you.' };
    return renderForgetConfirmation(member.id);
  },
} satisfies Command;
