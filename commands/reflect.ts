import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/discord/command.js';
import { reflectModal } from '../src/discord/reflect.js';

// The same form as the Sunday nudge's Reflect button; its submit is handled in src/discord/reflect.ts.
export const reflect = {
  data: new SlashCommandBuilder()
    .setName('reflect')
    .setDescription("Reflect on your week and commit to next week's goals (replaces this week's reflection)"),
  ephemeral: true,
  modal: () => reflectModal(),
} satisfies Command;
