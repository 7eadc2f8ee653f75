import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/discord/command.js';
import { memberToday } from '../src/discord/member.js';
import { renderProgress } from '../src/discord/render.js';

export const progress = {
  data: new SlashCommandBuilder()
    .setName('progress')
    .setDescription('Your phase, days done, and each area of the phase with its next item'),
  ephemeral: true,
  async execute(interaction, ctx) {
    const { member, today } = await memberToday(interaction, ctx);
    return renderProgress(await ctx.store.progress.readProgress(member, today));
  },
} satisfies Command;
