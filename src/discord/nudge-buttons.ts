import { type Interaction, ModalBuilder, TextInputStyle } from 'discord.js';
import { UserFacingError } from '../coach/errors.js';
import { limits } from '../coach/inputs.js';
import { routineOn } from '../coach/routine.js';
import { addDays, isLocalDate, type LocalDate, localMinutesOf, localTimeOf } from '../coach/time.js';
import type { Context } from '../context.js';
import { memberToday } from './member.js';
import { nudgeButtonIds } from './nudge-render.js';
import { streakLine } from './render.js';
import { respond } from './respond.js';
import { offerSkipChoices } from './skip-choices.js';
import { textInputRow } from './text-input.js';

const modalPrefix = 'checkin-modal';
const snoozeMs = 3_600_000;

/** Handles the nudge's buttons and the check-in modal; false for anything else. */
export async function handleNudgeComponents(interaction: Interaction, ctx: Context): Promise<boolean> {
  if (interaction.isButton() && interaction.customId.startsWith('nudge:')) {
    const [, action, date = ''] = interaction.customId.split(':');
    // Anything else under nudge: is a button this version does not know; the router answers it.
    const known: string[] = Object.values(nudgeButtonIds);
    if (!isLocalDate(date) || !known.includes(`nudge:${action}`)) return false;
    // Showing the modal must be the first response, within 3 s: it needs the plan only, no database.
    if (`nudge:${action}` === nudgeButtonIds.checkin) {
      await interaction.showModal(checkinModal(ctx, date));
      return true;
    }
    await respond(interaction, true, ctx, async () => {
      const { member, today } = await memberToday(interaction, ctx);
      if (date !== today) throw new UserFacingError(`This nudge was for ${date}; it is ${today} where you are.`);
      if (`nudge:${action}` === nudgeButtonIds.skip) return offerSkipChoices(ctx, member.id, date);
      const at = new Date(ctx.clock().getTime() + snoozeMs);
      await ctx.store.deliveries.snooze(member.id, date, at);
      return { content: `⏰ Snoozed: I will remind you at ${localTimeOf(at, member.timeZone)}.` };
    });
    return true;
  }
  if (interaction.isModalSubmit() && interaction.customId.startsWith(`${modalPrefix}:`)) {
    const date = interaction.customId.slice(modalPrefix.length + 1);
    await respond(interaction, true, ctx, async () => {
      const { member, today } = await memberToday(interaction, ctx);
      assertCheckinDate(date, today, member.timeZone, ctx);
      const field = (id: string) => interaction.fields.getTextInputValue(id).trim();
      const minutes = field('minutes');
      const result = await ctx.store.checkins.record(member.id, {
        localDate: date,
        activity: field('activity'),
        minutes: /^\d+$/.test(minutes) ? Number(minutes) : minutes,
        note: field('note') || undefined,
        link: field('link') || undefined,
        sourceInteractionId: interaction.id,
      });
      const streak = await ctx.store.checkins.streakOn(member.id, today);
      return {
        content:
          `✅ ${result.duplicate ? 'Already recorded' : 'Checked in'}: ${result.checkin.minutes} min for ` +
          `${date === today ? 'today' : date}.\n${streakLine(streak)}`,
      };
    });
    return true;
  }
  return false;
}

function assertCheckinDate(date: string, today: LocalDate, timeZone: string, ctx: Context): void {
  if (date === today) return;
  const withinGrace = localMinutesOf(ctx.clock(), timeZone) < ctx.config.checkinGraceHours * 60;
  if (date === addDays(today, -1) && withinGrace) return;
  throw new UserFacingError(
    `day: this nudge was for ${date}, which can no longer be logged. Use /checkin for today.`,
    'localDate',
  );
}

function checkinModal(ctx: Context, date: LocalDate): ModalBuilder {
  const routine = routineOn(ctx.plan, date);
  return new ModalBuilder()
    .setCustomId(`${modalPrefix}:${date}`)
    .setTitle(`Check in for ${date}`)
    .addComponents(
      textInputRow(
        'activity',
        'Activity (coding, open_source, writing, …)',
        TextInputStyle.Short,
        routine.activity,
        true,
        20,
      ),
      textInputRow('minutes', 'Minutes', TextInputStyle.Short, String(routine.minutes), true, 4),
      textInputRow('note', 'What did you do?', TextInputStyle.Paragraph, undefined, false, limits.noteMax),
      textInputRow('link', 'Link (PR, post, solution)', TextInputStyle.Short, undefined, false, limits.linkMax),
    );
}
