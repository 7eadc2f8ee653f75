import { SlashCommandBuilder } from 'discord.js';
import { historyDays, oldestEditableDate } from '../src/coach/member-days.js';
import { streakRulesFor } from '../src/coach/routine.js';
import type { Command } from '../src/discord/command.js';
import { renderHistory } from '../src/discord/history-render.js';
import { memberToday } from '../src/discord/member.js';

export const history = {
  data: new SlashCommandBuilder()
    .setName('history')
    .setDescription('Your last 14 days of check-ins, to edit or delete an entry'),
  ephemeral: true,
  async execute(interaction, ctx) {
    const { member, today } = await memberToday(interaction, ctx);
    const [entries, pauses, streak, frozenDays] = [
      await ctx.store.history.recent(member.id, today),
      await ctx.store.members.pauses(member.id),
      await ctx.store.checkins.streakOn(member.id, today),
      await ctx.store.freezes.frozenDays(member.id, oldestEditableDate(today)),
    ];
    const days = historyDays(entries, {
      today,
      planStartDate: member.planStartDate,
      pauses,
      checkinDates: new Set(entries.map((e) => e.localDate)),
      frozenDays,
      rules: streakRulesFor(ctx.plan),
    });
    return renderHistory(days, streak);
  },
} satisfies Command;
