import type { Interaction } from 'discord.js';
import { UserFacingError } from '../coach/errors.js';
import { isLocalDate, type LocalDate } from '../coach/time.js';
import type { Context } from '../context.js';
import type { Reply } from './command.js';
import { memberToday } from './member.js';
import { respond } from './respond.js';
import { renderSkipChoices, skipChoiceIds } from './streak-render.js';

/** *Skip today* on a nudge or evening save: offers a rest day (when a freeze can cover it) or quiet. */
export async function offerSkipChoices(ctx: Context, memberId: number, date: LocalDate): Promise<Reply> {
  return renderSkipChoices(date, await ctx.store.freezes.restDayOffer(memberId, date));
}

/**
 * The two answers to *Skip today*. A click on a day that is over, or a second click, changes nothing and says
 * so; a rest day without a freeze left (spent since the offer) is refused with nothing stored.
 */
export async function handleSkipChoices(interaction: Interaction, ctx: Context): Promise<boolean> {
  if (!interaction.isButton() || !interaction.customId.startsWith('skip-choice:')) return false;
  const at = interaction.customId.lastIndexOf(':');
  const [action, date] = [interaction.customId.slice(0, at), interaction.customId.slice(at + 1)];
  if (!isLocalDate(date) || !Object.values<string>(skipChoiceIds).includes(action)) return false;
  await respond(interaction, true, ctx, async () => {
    const { member, today } = await memberToday(interaction, ctx);
    if (date !== today) {
      throw new UserFacingError(`This was for ${date}; it is ${today} where you are, so nothing was changed.`);
    }
    if (action === skipChoiceIds.quiet) {
      await ctx.store.deliveries.skipDay(member.id, date, ctx.clock());
      return { content: '👍 No more nudges today. Check in any time with /checkin if you change your mind.' };
    }
    const result = await ctx.store.freezes.takeRestDay(member.id, date, ctx.clock());
    if (result.status === 'taken') {
      return {
        content:
          `😴 Rest day: a freeze covers today, so your streak is kept (it does not grow today). ` +
          `${result.left} freeze${result.left === 1 ? '' : 's'} left. No more nudges today.`,
      };
    }
    if (result.status === 'no_freeze') {
      throw new UserFacingError(
        'You have no freeze left for a rest day, so nothing was changed. Check in to keep your streak.',
      );
    }
    return { content: renderSkipChoices(date, result).content ?? '' };
  });
  return true;
}
