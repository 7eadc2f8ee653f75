import { ChannelType, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { limits } from '../src/coach/inputs.js';
import { weekdayNames } from '../src/coach/time.js';
import { requireManageServer } from '../src/discord/admin.js';
import type { Command } from '../src/discord/command.js';
import { timeZoneChoices } from '../src/discord/options.js';
import { weekdayLabels } from '../src/discord/render.js';

export const setup = {
  data: new SlashCommandBuilder()
    .setName('setup')
    .setDescription('Where and when the weekly group summary is posted (admins)')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addChannelOption((o) =>
      o.setName('channel').setDescription('The channel for the weekly summary').addChannelTypes(ChannelType.GuildText),
    )
    .addStringOption((o) =>
      o
        .setName('timezone')
        .setDescription("The group's time zone, e.g. Europe/Berlin")
        .setAutocomplete(true)
        .setMaxLength(limits.timeZoneMax),
    )
    .addStringOption((o) =>
      o
        .setName('weekday')
        .setDescription('Summary day (default Sunday)')
        .addChoices(...weekdayNames.map((value) => ({ name: weekdayLabels[value], value }))),
    )
    .addStringOption((o) =>
      o.setName('time').setDescription('Summary time, 24-hour HH:MM (default 18:00)').setMaxLength(5),
    ),
  ephemeral: true,
  async execute(interaction, ctx) {
    const guildId = requireManageServer(interaction);
    const o = interaction.options;
    const changes = {
      summaryChannelId: o.getChannel('channel')?.id,
      timeZone: o.getString('timezone'),
      summaryWeekday: o.getString('weekday'),
      summaryTime: o.getString('time'),
    };
    const given = Object.fromEntries(
      Object.entries(changes).filter(([, value]) => value !== null && value !== undefined),
    );
    const existing = await ctx.store.groups.findByGuild(guildId);
    const group =
      Object.keys(given).length > 0 || !existing
        ? await ctx.store.groups.configure(guildId, interaction.guild?.name ?? 'Study group', given, ctx.clock())
        : existing;
    const day = weekdayLabels[group.summaryWeekday];
    const notSet = '**not set** — choose one with `/setup channel:`';
    return {
      content: [
        Object.keys(given).length > 0 ? '**Weekly summary updated.**' : '**Weekly summary setup**',
        `Channel: ${group.summaryChannelId ? `<#${group.summaryChannelId}>` : notSet}`,
        `When: every **${day}** at **${group.summaryTime}** (${group.timeZone})`,
      ].join('\n'),
    };
  },
  async autocomplete(interaction) {
    return timeZoneChoices(interaction);
  },
} satisfies Command;
