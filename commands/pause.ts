import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/discord/command.js';
import { memberToday } from '../src/discord/member.js';

export const pause = {
  data: new SlashCommandBuilder()
    .setName('pause')
    .setDescription('Going away? Pause nudges; paused days neither count nor break your streak')
    .addStringOption((o) =>
      o.setName('from').setDescription('First paused day, YYYY-MM-DD (default today)').setMaxLength(10),
    ),
  ephemeral: true,
  async execute(interaction, ctx) {
    const { member, today } = await memberToday(interaction, ctx);
    const from = interaction.options.getString('from') ?? today;
    await ctx.store.members.pause(member.id, from);
    return {
      content:
        `⏸️ Paused from **${from}**. No nudges, and your streak and plan wait for you. Use /resume when ` +
        `you are back.`,
    };
  },
} satisfies Command;
