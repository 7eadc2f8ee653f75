import { SlashCommandBuilder } from 'discord.js';
import { todayPlanFor } from '../src/coach/today.js';
import type { Command } from '../src/discord/command.js';
import { memberToday } from '../src/discord/member.js';
import { renderToday } from '../src/discord/render.js';

export const today = {
  data: new SlashCommandBuilder().setName('today').setDescription('What the plan asks of you today, for your phase'),
  ephemeral: true,
  async execute(interaction, ctx) {
    const { member, today: date } = await memberToday(interaction, ctx);
    const [pauses, extensions] = await Promise.all([
      ctx.store.members.pauses(member.id),
      ctx.store.coaching.extensions(member.id),
    ]);
    return renderToday(todayPlanFor(ctx.plan, member.planStartDate, pauses, date, extensions));
  },
} satisfies Command;
