import { type ButtonInteraction, type Interaction, ModalBuilder, TextInputStyle } from 'discord.js';
import type { Checkin } from '../../schema/index.js';
import { UserFacingError } from '../coach/errors.js';
import { limits } from '../coach/inputs.js';
import type { Context } from '../context.js';
import { historyIds, renderDeleteConfirmation } from './history-render.js';
import { memberToday } from './member.js';
import { activityLabels, streakLine } from './render.js';
import { replyWithError, respond } from './respond.js';
import { textInputRow } from './text-input.js';

const idPattern = /^history:(edit|delete|confirm-delete|edit-modal):(\d{1,10})$/;

/** /history's buttons and edit form; false for anything else. Every button carries the check-in id. */
export async function handleHistoryComponents(interaction: Interaction, ctx: Context): Promise<boolean> {
  if (!(interaction.isButton() || interaction.isModalSubmit())) return false;
  const match = idPattern.exec(interaction.customId);
  // Ids beyond Postgres' integer are not ours: the router answers them as unknown buttons.
  if (!match || Number(match[2]) > 2_147_483_647) return false;
  const [action, id] = [`history:${match[1]}`, Number(match[2])];
  if (interaction.isButton() && action === historyIds.edit) {
    await showEditForm(interaction, ctx, id);
    return true;
  }
  if (interaction.isModalSubmit() && action === historyIds.editModal) {
    await respond(interaction, true, ctx, async () => {
      const { member, today } = await memberToday(interaction, ctx);
      const field = (name: string) => interaction.fields.getTextInputValue(name).trim();
      const minutes = field('minutes');
      const { checkin } = await ctx.store.history.edit(
        member.id,
        id,
        {
          minutes: /^\d+$/.test(minutes) ? Number(minutes) : minutes,
          note: field('note') || undefined,
          link: field('link') || undefined,
        },
        ctx.clock(),
      );
      const streak = await ctx.store.checkins.streakOn(member.id, today);
      return { content: `✏️ Saved: ${describe(checkin)}.\n${streakLine(streak)}` };
    });
    return true;
  }
  if (interaction.isButton() && action === historyIds.delete) {
    await respond(interaction, true, ctx, async () => {
      const { member } = await memberToday(interaction, ctx);
      return renderDeleteConfirmation(await ctx.store.history.editable(member.id, id, ctx.clock()));
    });
    return true;
  }
  if (interaction.isButton() && action === historyIds.confirmDelete) {
    await respond(interaction, true, ctx, async () => {
      const { member, today } = await memberToday(interaction, ctx);
      const { checkin } = await ctx.store.history.remove(member.id, id, ctx.clock());
      const streak = await ctx.store.checkins.streakOn(member.id, today);
      return { content: `🗑️ Deleted: ${describe(checkin)}.\n${streakLine(streak)}` };
    });
    return true;
  }
  return false;
}

/**
 * The form must be the first answer, within Discord's 3 s, and it is prefilled from the database; a database
 * that has not answered by the defer time gets an error reply instead (a form cannot follow a deferral).
 */
async function showEditForm(interaction: ButtonInteraction, ctx: Context, id: number): Promise<void> {
  const lookup = (async () => {
    const { member } = await memberToday(interaction, ctx);
    return ctx.store.history.editable(member.id, id, ctx.clock());
  })();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ctx.config.interactionDeferMs);
  });
  try {
    const found = await Promise.race([lookup, late]);
    if (found === 'late') {
      lookup.catch(() => undefined); // its outcome no longer matters
      throw new UserFacingError('The bot cannot reach its database right now. Please try again in a minute.');
    }
    await interaction.showModal(editForm(found));
  } catch (error) {
    await replyWithError(interaction, error, ctx.log);
  } finally {
    clearTimeout(timer);
  }
}

function editForm(entry: Checkin): ModalBuilder {
  return new ModalBuilder()
    .setCustomId(`${historyIds.editModal}:${entry.id}`)
    .setTitle(`Edit ${activityLabels[entry.activity]}, ${entry.localDate}`.slice(0, 45))
    .addComponents(
      textInputRow('minutes', 'Minutes', TextInputStyle.Short, String(entry.minutes), true, 4),
      textInputRow('note', 'What did you do?', TextInputStyle.Paragraph, entry.note, false, limits.noteMax),
      textInputRow('link', 'Link (PR, post, solution)', TextInputStyle.Short, entry.link, false, limits.linkMax),
    );
}

function describe(checkin: Checkin): string {
  return `${checkin.minutes} min of ${activityLabels[checkin.activity]} on ${checkin.localDate}`;
}
