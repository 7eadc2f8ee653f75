import { SlashCommandBuilder } from 'discord.js';
import { lastEndedDay } from '../src/coach/streak.js';
import type { Command } from '../src/discord/command.js';
import { memberToday } from '../src/discord/member.js';
import { personalHeatmap } from '../src/discord/personal-heatmap.js';
import { renderStreak } from '../src/discord/streak-render.js';

export const streak = {
  data: new SlashCommandBuilder().setName('streak').setDescription('Your current and best streak, and your freezes'),
  ephemeral: true,
  async execute(interaction, ctx) {
    const { member, today } = await memberToday(interaction, ctx);
    const ended = lastEndedDay(ctx.clock(), member.timeZone, ctx.config.checkinGraceHours);
    const { view, frozen, toward } = await ctx.store.freezes.streakView(member.id, today, ended);
    const hint = view.current === 0 ? '\nCheck in today with /checkin to start a new one.' : '';
    return {
      content:
        `${renderStreak(view, frozen, toward)}\nSaturday is optional: skipping it never breaks your streak; paused ` +
        `days neither. A freeze covers one missed required day (or a rest day from *Skip today*).${hint}`,
      files: [await personalHeatmap(member, today, ctx)],
    };
  },
} satisfies Command;
