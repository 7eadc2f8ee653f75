import { AttachmentBuilder } from 'discord.js';
import type { Member } from '../../schema/index.js';
import { heatmapGrid, heatmapWeeks } from '../coach/member-days.js';
import { streakRulesFor } from '../coach/routine.js';
import { addDays, type LocalDate, weekStartOf } from '../coach/time.js';
import type { Context } from '../context.js';
import { renderGridPng } from '../render/heatmap.js';

export const personalHeatmapName = 'streak-12-weeks.png';

/** The member's last 12 weeks, drawn by the weekly summary's renderer: one row per week, Monday first. */
export async function personalHeatmap(member: Member, today: LocalDate, ctx: Context): Promise<AttachmentBuilder> {
  const from = addDays(weekStartOf(today), -7 * (heatmapWeeks - 1));
  const [dates, pauses, frozenDays] = [
    await ctx.store.history.datesSince(member.id, from),
    await ctx.store.members.pauses(member.id),
    await ctx.store.freezes.frozenDays(member.id, from),
  ];
  const weeks = heatmapGrid({
    today,
    planStartDate: member.planStartDate,
    pauses,
    checkinDates: new Set(dates),
    frozenDays,
    rules: streakRulesFor(ctx.plan),
  });
  const { png } = renderGridPng({
    title: `Your last ${heatmapWeeks} weeks, to ${today}`,
    dayNotes: [],
    rows: weeks.map((week) => ({ label: `from ${week.weekStart}`, days: week.days })),
    extraLine: null,
  });
  return new AttachmentBuilder(png, {
    name: personalHeatmapName,
    description: `Your check-ins of the last ${heatmapWeeks} weeks`,
  });
}
