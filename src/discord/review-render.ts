import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import type { CoachNote } from '../coach/coach-notes.js';
import {
  autoMoveOnAfterDays,
  type PhaseReview,
  type ReviewChoice,
  type ReviewDecision,
  type ReviewFacts,
} from '../coach/phase-review.js';
import { addDays, type LocalDate } from '../coach/time.js';

export const reviewButtonPrefix = 'review';
const choiceLabels: Record<ReviewChoice, string> = {
  move_on: 'Move on',
  extend_2: 'Extend 2 weeks',
  extend_4: 'Extend 4 weeks',
};
export const decisionLabels: Record<ReviewDecision, string> = {
  move_on: 'moved on',
  extend_2: 'extended by 2 weeks',
  extend_4: 'extended by 4 weeks',
  auto_move_on: `moved on (no answer within ${autoMoveOnAfterDays} days)`,
};

/** What the day's nudge adds to the daily DM: a coach's note, and a phase review or what became of one. */
export type NudgeCoaching = {
  note?: CoachNote | undefined;
  review?:
    | { kind: 'review'; review: PhaseReview; facts: ReviewFacts; choices: readonly ReviewChoice[]; last: boolean }
    | { kind: 'waiting'; phase: number; movesOnOn: LocalDate }
    | { kind: 'moved_on'; phase: number; last: boolean }
    | undefined;
};

/**
 * The daily nudge with the coaching added above it. The nudge's own buttons stay (the check-in button
 * carries the date that `isNudgeMessageFor` looks for); a review adds its row of choices on top.
 */
export function withCoaching(
  nudge: RESTPostAPIChannelMessageJSONBody,
  coaching: NudgeCoaching,
): RESTPostAPIChannelMessageJSONBody {
  const parts = [coaching.note?.text, coaching.review ? reviewText(coaching.review) : undefined];
  const extra = parts.filter((p): p is string => p !== undefined);
  if (extra.length === 0) return nudge;
  const content = [...extra, nudge.content ?? ''].join('\n\n');
  const review = coaching.review?.kind === 'review' ? coaching.review : undefined;
  const components = review
    ? [reviewRow(review.review, review.choices), ...(nudge.components ?? [])]
    : nudge.components;
  // Discord's limit is 2000 characters: the review is cut before the nudge's own lines would be.
  const tail = `\n\n${nudge.content ?? ''}`;
  const head = extra.join('\n\n');
  return {
    ...nudge,
    content: content.length <= 2000 ? content : `${head.slice(0, 1999 - tail.length)}…${tail}`.slice(0, 2000),
    components,
  };
}

function reviewText(review: NonNullable<NudgeCoaching['review']>): string {
  if (review.kind === 'waiting') {
    return (
      `📋 Your Phase ${review.phase} review is waiting in an earlier message. ` +
      `Without an answer you move on on ${review.movesOnOn}.`
    );
  }
  if (review.kind === 'moved_on') {
    const noAnswer = `No answer to your Phase ${review.phase} review in ${autoMoveOnAfterDays} days`;
    return review.last
      ? `🎉 ${noAnswer}, so the plan is complete. Well done.`
      : `⏭️ ${noAnswer}, so you moved on to Phase ${review.phase + 1}.`;
  }
  const { facts } = review;
  const lines = [
    `📋 **Phase ${facts.phase.number} review: ${facts.phase.title}** ` +
      `(${facts.startDate} – ${addDays(facts.endDate, -1)})`,
    `Days done: **${facts.daysDone}** of ${facts.daysRequired} required`,
    `Milestones: ${facts.milestonesDone.length} done, ${facts.milestonesOpen.length} open` +
      (facts.milestonesOpen[0] ? ` (next: ${facts.milestonesOpen[0].text})` : ''),
  ];
  if (facts.commitmentsKept) {
    lines.push(`Commitments kept: ${facts.commitmentsKept.kept} of ${facts.commitmentsKept.total}`);
  }
  const outputs = facts.outputs.slice(-5).map((o) => `• ${o.localDate}: <${o.link}>`);
  if (outputs.length > 0) {
    const more = facts.outputs.length - outputs.length;
    lines.push(`Outputs${more > 0 ? ` (latest 5 of ${facts.outputs.length})` : ''}:`, ...outputs);
  }
  const next = review.last ? 'finish the plan' : `move on to Phase ${facts.phase.number + 1}`;
  const extend = review.choices.length > 1 ? ', or take 2 or 4 more weeks on this phase' : '';
  const by = addDays(review.review.reviewDate, autoMoveOnAfterDays);
  lines.push(`Ready to ${next}${extend}? Without an answer you move on on ${by}.`);
  return lines.join('\n');
}

function reviewRow(review: PhaseReview, choices: readonly ReviewChoice[]) {
  return new ActionRowBuilder<ButtonBuilder>()
    .addComponents(
      choices.map((choice) =>
        new ButtonBuilder()
          .setCustomId(`${reviewButtonPrefix}:${choice}:${review.id}`)
          .setLabel(choiceLabels[choice])
          .setStyle(choice === 'move_on' ? ButtonStyle.Primary : ButtonStyle.Secondary),
      ),
    )
    .toJSON();
}
