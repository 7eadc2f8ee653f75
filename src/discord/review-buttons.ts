import type { Interaction } from 'discord.js';
import { extensionDays, maxExtensionsPerPhase, type PhaseReview, phaseDates } from '../coach/phase-review.js';
import { addDays } from '../coach/time.js';
import type { Context } from '../context.js';
import type { Reply } from './command.js';
import { memberToday } from './member.js';
import { respond } from './respond.js';
import { decisionLabels, reviewButtonPrefix } from './review-render.js';

/** Handles a phase review's buttons (`review:<choice>:<review id>`); false for anything else. */
export async function handleReviewButtons(interaction: Interaction, ctx: Context): Promise<boolean> {
  if (!interaction.isButton() || !interaction.customId.startsWith(`${reviewButtonPrefix}:`)) return false;
  const [, choice = '', id = ''] = interaction.customId.split(':');
  // Anything unparsable is a button this version does not know; the router answers it.
  if (!/^\d{1,10}$/.test(id)) return false;
  await respond(interaction, true, ctx, async () => {
    const { member, today } = await memberToday(interaction, ctx);
    const { review, already } = await ctx.store.coaching.decide(
      member.id,
      { reviewId: Number(id), choice },
      today,
      ctx.clock(),
    );
    if (already) {
      const label = review.decision ? decisionLabels[review.decision] : 'decided';
      return { content: `This review was already decided on ${review.decidedOn}: ${label}. Nothing changed.` };
    }
    return decisionReply(review, member.planStartDate, today, member.id, ctx);
  });
  return true;
}

async function decisionReply(
  review: PhaseReview,
  start: string,
  today: string,
  memberId: number,
  ctx: Context,
): Promise<Reply> {
  const last = review.phase === ctx.plan.phases.length;
  if (review.decision === 'move_on') {
    const next = ctx.plan.phases.find((p) => p.number === review.phase + 1);
    return {
      content: next
        ? `➡️ On to Phase ${next.number} · ${next.title}. Goal: ${next.goal}`
        : `🎉 Phase ${review.phase} done, and with it the ${ctx.plan.months}-month plan. Well done.`,
    };
  }
  const [pauses, extensions] = await Promise.all([
    ctx.store.members.pauses(memberId),
    ctx.store.coaching.extensions(memberId),
  ]);
  const dates = phaseDates({ plan: ctx.plan, start, pauses, extensions, phase: review.phase, asOf: today });
  const days = review.decision === 'extend_4' ? extensionDays.extend_4 : extensionDays.extend_2;
  const ends = dates ? ` It now runs until ${addDays(dates.endDate, -1)}` : '';
  return {
    content:
      `⏳ Phase ${review.phase} extended by ${days / 7} weeks (extension ${review.round + 1} of ` +
      `${maxExtensionsPerPhase}).${ends}${last ? '' : `; the rest of your plan moves back ${days} days`}.`,
  };
}
