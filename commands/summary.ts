import { AttachmentBuilder, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { UserFacingError } from '../src/coach/errors.js';
import { localDateOf, weekStartOf } from '../src/coach/time.js';
import { requireManageServer } from '../src/discord/admin.js';
import type { Command } from '../src/discord/command.js';
import { isChannelRefusal } from '../src/discord/sender.js';
import { composeWeeklySummary, postSummary } from '../src/discord/weekly-summary.js';

export const summary = {
  data: new SlashCommandBuilder()
    .setName('summary')
    .setDescription("Preview this week's group summary, or post it now (admins)")
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) =>
      o
        .setName('action')
        .setDescription('Preview privately (default) or post in the summary channel')
        .addChoices({ name: 'preview', value: 'preview' }, { name: 'post now', value: 'post' }),
    ),
  ephemeral: true,
  async execute(interaction, ctx) {
    const guildId = requireManageServer(interaction);
    const group = await ctx.store.groups.findByGuild(guildId);
    if (!group)
      throw new UserFacingError('No study group here yet: members join with /start, admins configure with /setup.');
    const now = ctx.clock();
    const today = localDateOf(now, group.timeZone);
    // This week so far (Monday to today), whatever day the scheduled summary uses.
    const composed = await composeWeeklySummary(ctx, group, weekStartOf(today), now);
    const files = composed.heatmap
      ? [new AttachmentBuilder(composed.heatmap.data, { name: composed.heatmap.name })]
      : [];
    if (interaction.options.getString('action') !== 'post') {
      const [first] = composed.messages;
      const more =
        composed.messages.length > 1 ? `\n(${composed.messages.length} messages in all; this is the first.)` : '';
      return { content: `Preview of this week's summary:${more}`, embeds: first?.embeds ?? [], files };
    }
    if (!group.summaryChannelId)
      throw new UserFacingError(
        'channel: no summary channel yet. Choose one with `/setup channel:`.',
        'summaryChannelId',
      );
    await postSummary(ctx.sender, group.summaryChannelId, composed, interaction.id).catch((error: unknown) => {
      throw isChannelRefusal(error)
        ? new UserFacingError(
            'channel: I cannot post in the summary channel. Check my permissions there.',
            'summaryChannelId',
          )
        : error;
    });
    return {
      content:
        `Posted this week's summary in <#${group.summaryChannelId}> (${composed.messages.length} ` +
        `message${composed.messages.length === 1 ? '' : 's'}).`,
    };
  },
} satisfies Command;
