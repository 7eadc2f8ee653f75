import {
  ActionRowBuilder,
  escapeMarkdown,
  type Interaction,
  ModalBuilder,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { reflectionFieldLabels, reflectionLimits } from '../coach/commitments.js';
import { weekStartOf } from '../coach/time.js';
import type { Context } from '../context.js';
import { commitmentButtonIds, renderReflectionSaved, renderWeekCommitments } from './commitments-render.js';
import { memberToday } from './member.js';
import { respond } from './respond.js';

const modalId = 'reflect-modal';
const fieldIds = { wentWell: 'went_well', inTheWay: 'in_the_way', commitments: 'commitments' } as const;

/**
 * The weekly reflection form, for /reflect and the Sunday nudge's Reflect button. It is shown as the first
 * response, so it is built without the database (and not prefilled). No field is required on its own; the
 * submit refuses a form left entirely empty (coach/commitments.ts), so the two agree.
 */
export function reflectModal(): ModalBuilder {
  const input = (id: string, label: string, placeholder: string, max: number) =>
    new ActionRowBuilder<TextInputBuilder>().addComponents(
      new TextInputBuilder()
        .setCustomId(id)
        .setLabel(label)
        .setPlaceholder(placeholder)
        .setStyle(TextInputStyle.Paragraph)
        .setRequired(false)
        .setMaxLength(max),
    );
  const { textMax, commitmentsMax, commitmentsFieldMax } = reflectionLimits;
  return new ModalBuilder()
    .setCustomId(modalId)
    .setTitle('Weekly reflection')
    .addComponents(
      input(fieldIds.wentWell, reflectionFieldLabels.wentWell, 'Solved 4 problems, shipped the blog post', textMax),
      input(fieldIds.inTheWay, reflectionFieldLabels.inTheWay, 'Late meetings on Wednesday', textMax),
      input(
        fieldIds.commitments,
        reflectionFieldLabels.commitments,
        `Up to ${commitmentsMax}, one per line, e.g.\nThu: first PR to DuckDB\nwrite about B-trees`,
        commitmentsFieldMax,
      ),
    );
}

/** The Reflect button, the reflection form's submit and the commitments' Done buttons; false for anything else. */
export async function handleReflectComponents(interaction: Interaction, ctx: Context): Promise<boolean> {
  // Any date: an old Sunday nudge opens this week's form, like /reflect does.
  if (interaction.isButton() && interaction.customId.startsWith(`${commitmentButtonIds.reflect}:`)) {
    await interaction.showModal(reflectModal());
    return true;
  }
  if (interaction.isModalSubmit() && interaction.customId === modalId) {
    await respond(interaction, true, ctx, async () => {
      const { member } = await memberToday(interaction, ctx);
      const field = (id: string) => interaction.fields.getTextInputValue(id) ?? '';
      const raw = {
        wentWell: field(fieldIds.wentWell),
        inTheWay: field(fieldIds.inTheWay),
        commitments: field(fieldIds.commitments),
      };
      const result = await ctx.store.reflections.submit(member, raw, {
        now: ctx.clock(),
        interactionId: interaction.id,
      });
      return renderReflectionSaved(result);
    });
    return true;
  }
  const done = /^commit:(done|undo):(\d{1,9})$/.exec(interaction.isButton() ? interaction.customId : '');
  if (interaction.isButton() && done) {
    const [, action, id] = done;
    await respond(interaction, true, ctx, async () => {
      const { member, today } = await memberToday(interaction, ctx);
      const { reflections } = ctx.store;
      const mark = action === 'done' ? reflections.markDone : reflections.markUndone;
      const { commitment, already } = await mark(member.id, Number(id), today);
      const view = renderWeekCommitments(weekStartOf(today), await reflections.forWeek(member.id, weekStartOf(today)));
      const head = outcomeLine(action === 'done', already, commitment);
      return { ...view, content: `${head}\n\n${view.content}` };
    });
    return true;
  }
  // Anything else under commit: is not ours to parse: the router answers it as stale.
  return false;
}

function outcomeLine(done: boolean, already: boolean, commitment: { text: string; doneOn: string | null }): string {
  const text = escapeMarkdown(commitment.text);
  if (done) return already ? `Already done on ${commitment.doneOn}: ${text}` : `✅ Done: ${text}. Well kept!`;
  return already ? `That one was not marked done, so nothing changed: ${text}` : `↩️ Marked not done: ${text}`;
}
