import { SlashCommandBuilder } from 'discord.js';
import { UserFacingError } from '../src/coach/errors.js';
import { checkinDayField, limits, parseInput } from '../src/coach/inputs.js';
import { routineOn } from '../src/coach/routine.js';
import { checkinDateFor } from '../src/coach/streak.js';
import type { Command } from '../src/discord/command.js';
import { memberToday } from '../src/discord/member.js';
import { activityLabels, streakLine } from '../src/discord/render.js';
import { activityKinds, allItems } from '../src/plan/model.js';

export const checkin = {
  data: new SlashCommandBuilder()
    .setName('checkin')
    .setDescription('Log what you did today (or yesterday, early in the morning)')
    .addStringOption((o) =>
      o
        .setName('activity')
        .setDescription("What you worked on (default: today's routine)")
        .addChoices(...activityKinds.map((kind) => ({ name: activityLabels[kind], value: kind }))),
    )
    .addIntegerOption((o) =>
      o
        .setName('minutes')
        .setDescription("How long (default: today's routine)")
        .setMinValue(limits.minutesMin)
        .setMaxValue(limits.minutesMax),
    )
    .addStringOption((o) =>
      o.setName('note').setDescription('What you did, learned or solved').setMaxLength(limits.noteMax),
    )
    .addStringOption((o) =>
      o.setName('link').setDescription('A link to the output: a PR, a post, a solution').setMaxLength(limits.linkMax),
    )
    .addStringOption((o) =>
      o
        .setName('day')
        .setDescription('Which day (default today)')
        .addChoices({ name: 'today', value: 'today' }, { name: 'yesterday', value: 'yesterday' }),
    )
    .addStringOption((o) =>
      o
        .setName('milestone')
        .setDescription('A plan item you completed')
        .setAutocomplete(true)
        .setMaxLength(limits.milestoneMax),
    ),
  ephemeral: true,
  async execute(interaction, ctx) {
    const { member, today } = await memberToday(interaction, ctx);
    const day = parseInput(checkinDayField, interaction.options.getString('day') ?? undefined);
    const localDate = checkinDateFor(day, ctx.clock(), member.timeZone, ctx.config.checkinGraceHours);
    if (!localDate)
      throw new UserFacingError(
        `day: yesterday can be logged only until ${ctx.config.checkinGraceHours}:00 today, your local time.`,
        'localDate',
      );
    const routine = routineOn(ctx.plan, localDate);
    const result = await ctx.store.checkins.record(member.id, {
      localDate,
      activity: interaction.options.getString('activity') ?? routine.activity,
      minutes: interaction.options.getInteger('minutes') ?? routine.minutes,
      note: interaction.options.getString('note') ?? undefined,
      link: interaction.options.getString('link') ?? undefined,
      milestone: interaction.options.getString('milestone') ?? undefined,
      sourceInteractionId: interaction.id,
    });
    const milestone = interaction.options.getString('milestone');
    const [streak, minutes] = [
      await ctx.store.checkins.streakOn(member.id, today),
      await ctx.store.checkins.minutesOn(member.id, localDate),
    ];
    const { checkin: saved } = result;
    return {
      content: [
        `✅ ${result.duplicate ? 'Already recorded' : 'Checked in'}: ${saved.minutes} min of ` +
          `${activityLabels[saved.activity]} for ${saved.localDate === today ? 'today' : saved.localDate}.`,
        streakLine(streak),
        `${saved.localDate === today ? 'Today' : saved.localDate}: ${minutes} of ${routine.minutes} ` +
          `min${minutes >= routine.minutes ? ' — done 🎯' : ''}`,
        milestone ? `🏁 Milestone recorded: ${milestone}` : undefined,
      ]
        .filter((line) => line !== undefined)
        .join('\n'),
    };
  },
  async autocomplete(interaction, ctx) {
    const query = String(interaction.options.getFocused()).toLowerCase();
    const items = ctx.plan.phases.flatMap((phase) => allItems(phase).map((item) => ({ phase, item })));
    return items
      .filter(({ item }) => `${item.id} ${item.text}`.toLowerCase().includes(query))
      .map(({ phase, item }) => ({
        name: `P${phase.number}: ${item.text.replaceAll('**', '')}`.slice(0, 100),
        value: item.id,
      }));
  },
} satisfies Command;
