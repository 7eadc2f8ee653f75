import { SlashCommandBuilder } from 'discord.js';
import { limits } from '../src/coach/inputs.js';
import { planPositionOn } from '../src/coach/progress.js';
import { isTimeZone, localDateOf } from '../src/coach/time.js';
import type { Command } from '../src/discord/command.js';
import { openDmChannel } from '../src/discord/dm.js';
import { timeZoneChoices } from '../src/discord/options.js';
import { closedDmsHelp, describePosition } from '../src/discord/render.js';

export const defaultNudgeTime = '08:00';

export const start = {
  data: new SlashCommandBuilder()
    .setName('start')
    .setDescription('Join the 12-month plan: your time zone, daily nudge time and start date')
    .addStringOption((o) =>
      o
        .setName('timezone')
        .setDescription('Your time zone, e.g. Europe/Berlin')
        .setRequired(true)
        .setAutocomplete(true)
        .setMaxLength(limits.timeZoneMax),
    )
    .addStringOption((o) =>
      o.setName('time').setDescription(`Daily nudge time, 24-hour HH:MM (default ${defaultNudgeTime})`).setMaxLength(5),
    )
    .addStringOption((o) =>
      o.setName('start').setDescription('Plan start date, YYYY-MM-DD (default today)').setMaxLength(10),
    ),
  ephemeral: true,
  probesDms: true,
  async execute(interaction, ctx) {
    const timeZone = interaction.options.getString('timezone', true);
    const startDate =
      interaction.options.getString('start') ?? (isTimeZone(timeZone) ? localDateOf(ctx.clock(), timeZone) : '');
    const { member, created } = await ctx.store.members.enroll(
      interaction.user.id,
      {
        timeZone,
        nudgeTime: interaction.options.getString('time') ?? defaultNudgeTime,
        planStartDate: startDate,
      },
      ctx.clock(),
      {
        guildId: interaction.guildId ?? undefined,
        guildName: interaction.guild?.name,
        displayName: interaction.user.displayName,
      },
    );
    // The enrollment is committed: from here on the reply must say so, even if Discord fails the DM probe
    // (the first nudge opens the DM channel again).
    const dm = await openDmChannel(interaction.user, member, ctx, created ? 'welcome' : 'check').catch(
      (error: unknown) => {
        ctx.log.warn({ err: error, memberId: member.id }, 'could not open the DM channel at enrollment');
        return 'unknown' as const;
      },
    );
    const position = planPositionOn(
      ctx.plan,
      member.planStartDate,
      await ctx.store.members.pauses(member.id),
      localDateOf(ctx.clock(), member.timeZone),
    );
    const lines = [
      created ? '**Welcome to the 12-month career growth plan!**' : '**Your enrollment is updated.**',
      `Plan start: **${member.planStartDate}** · ${describePosition(position)}`,
      `Every day at **${member.nudgeTime}** (${member.timeZone}) I will DM you what today's routine asks of you.`,
      'Log your work with /checkin · see /today, /streak and /progress · change things with /settings · going ' +
        'away? /pause',
      dm === 'closed' ? `\n⚠️ ${closedDmsHelp}` : undefined,
    ];
    return { content: lines.filter((line) => line !== undefined).join('\n') };
  },
  async autocomplete(interaction) {
    return timeZoneChoices(interaction);
  },
} satisfies Command;
