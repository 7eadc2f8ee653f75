import { SlashCommandBuilder } from 'discord.js';
import { limits } from '../src/coach/inputs.js';
import type { Command } from '../src/discord/command.js';
import { memberToday } from '../src/discord/member.js';
import { timeZoneChoices } from '../src/discord/options.js';
import { renderSettings } from '../src/discord/render.js';

export const settings = {
  data: new SlashCommandBuilder()
    .setName('settings')
    .setDescription('Show or change your time zone, nudge and evening times, DMs and summary visibility')
    .addStringOption((o) =>
      o
        .setName('timezone')
        .setDescription('Your time zone, e.g. Europe/Berlin')
        .setAutocomplete(true)
        .setMaxLength(limits.timeZoneMax),
    )
    .addStringOption((o) => o.setName('time').setDescription('Daily nudge time, 24-hour HH:MM').setMaxLength(5))
    .addStringOption((o) =>
      o
        .setName('evening')
        .setDescription('Evening save: a second DM at this time (HH:MM) if you have not checked in; off to stop')
        .setMaxLength(5),
    )
    .addBooleanOption((o) => o.setName('dms').setDescription('Daily DM nudges on or off'))
    .addStringOption((o) =>
      o
        .setName('visibility')
        .setDescription('What the weekly group summary shows of you')
        .addChoices(
          { name: 'full', value: 'full' },
          { name: 'counts only', value: 'counts' },
          { name: 'hidden', value: 'hidden' },
        ),
    ),
  ephemeral: true,
  async execute(interaction, ctx) {
    const { member } = await memberToday(interaction, ctx);
    const o = interaction.options;
    const changes = {
      timeZone: o.getString('timezone'),
      nudgeTime: o.getString('time'),
      eveningTime: o.getString('evening'),
      dmsEnabled: o.getBoolean('dms'),
      visibility: o.getString('visibility'),
    };
    const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== null));
    const updated =
      Object.keys(given).length > 0 ? await ctx.store.members.updateSettings(member.id, given, ctx.clock()) : member;
    const paused = (await ctx.store.members.pauses(member.id)).some((p) => p.endDate === null);
    const reply = renderSettings(updated, paused);
    return { content: `${updated === member ? '**Your settings**' : '**Settings saved.**'}\n${reply.content ?? ''}` };
  },
  async autocomplete(interaction) {
    return timeZoneChoices(interaction);
  },
} satisfies Command;
