import { ActionRowBuilder, ButtonBuilder, ButtonStyle, escapeMarkdown } from 'discord.js';
import type { Commitment } from '../../schema/index.js';
import { commitmentsOn, keptCount } from '../coach/commitments.js';
import { addDays, type LocalDate, weekdayOf } from '../coach/time.js';
import type { Reply } from './command.js';
import { weekdayLabels } from './render.js';

export const commitmentButtonIds = { done: 'commit:done', undo: 'commit:undo', reflect: 'reflect:open' } as const;
const labelMax = 80; // Discord's limit for a button label

/** What a nudge shows about the member's commitments: quoted lines and the buttons of its second row. */
export type NudgeCommitments = { lines: string[]; row: ActionRowBuilder<ButtonBuilder> | undefined };

/**
 * Monday–Saturday: the commitment(s) for that day, with a Done button while open. Sunday: the week's
 * commitments (the week ends that day), kept or not, the open ones still with a Done button, and Reflect.
 */
export function nudgeCommitments(date: LocalDate, weekCommitments: readonly Commitment[]): NudgeCommitments {
  const sunday = weekdayOf(date) === 'sun';
  const shown = sunday ? [...weekCommitments] : commitmentsOn(date, weekCommitments);
  const buttons = shown.filter((c) => c.doneOn === null).map(doneButton);
  if (sunday) buttons.push(reflectButton(date));
  const row = buttons.length > 0 ? new ActionRowBuilder<ButtonBuilder>().addComponents(buttons) : undefined;
  // On its own day a dated commitment needs no "Thursday:" in front.
  const today = (c: Commitment) => `📌 You committed: ${escapeMarkdown(c.text)}${c.doneOn ? ' ✅' : ''}`;
  if (!sunday) return { lines: shown.map(today), row };
  if (shown.length === 0) return { lines: ['📝 Time to reflect on your week and commit to the next one.'], row };
  const { kept, total } = keptCount(shown);
  return {
    lines: [
      `📋 This week's commitments (kept ${kept} of ${total}):`,
      ...shown.map((c) => `${c.doneOn ? '✅' : '❌'} ${quote(c)}`),
      '📝 Reflect on the week and commit to the next one.',
    ],
    row,
  };
}

/** /commitments: this week's list with a Done button for each open one and an Undo for each kept one. */
export function renderWeekCommitments(weekStart: LocalDate, list: readonly Commitment[]): Reply {
  if (list.length === 0)
    return {
      content: `You made no commitments for the week of ${weekStart}. Use /reflect to write next week's.`,
    };
  const { kept, total } = keptCount(list);
  const lines = list.map((c) => `${c.doneOn ? '✅' : '▫️'} ${quote(c)}${c.doneOn ? ` (done ${c.doneOn})` : ''}`);
  const buttons = list.map((c) => (c.doneOn === null ? doneButton(c) : undoButton(c)));
  return {
    content: [`**Your commitments for the week of ${weekStart}** (kept ${kept} of ${total})`, ...lines].join('\n'),
    components: [new ActionRowBuilder<ButtonBuilder>().addComponents(buttons)],
  };
}

/** The answer to a submitted reflection. */
export function renderReflectionSaved(result: {
  replaced: boolean;
  commitmentsWeek: LocalDate;
  commitments: readonly Commitment[];
  sundayCheckin: 'recorded' | 'existed' | null;
}): Reply {
  const weekEnd = addDays(result.commitmentsWeek, 6);
  const lines = [
    result.replaced ? "📝 Reflection updated: it replaces this week's earlier one." : '📝 Reflection saved.',
    result.commitments.length === 0
      ? 'No commitments for next week.'
      : `Your commitments for ${result.commitmentsWeek} – ${weekEnd} (your nudges will quote them):`,
    ...result.commitments.map((c) => `📌 ${quote(c)}`),
    result.sundayCheckin === 'recorded' ? "✅ It counts as today's check-in." : undefined,
  ];
  return { content: lines.filter((line) => line !== undefined).join('\n') };
}

function quote(c: Commitment): string {
  return `${c.weekday ? `${weekdayLabels[c.weekday]}: ` : ''}${escapeMarkdown(c.text)}`;
}

function doneButton(c: Commitment): ButtonBuilder {
  return new ButtonBuilder()
    .setCustomId(`${commitmentButtonIds.done}:${c.id}`)
    .setLabel(Array.from(`Done: ${c.text}`).slice(0, labelMax).join('')) // by code point: no half emoji
    .setStyle(ButtonStyle.Success);
}

function undoButton(c: Commitment): ButtonBuilder {
  return new ButtonBuilder()
    .setCustomId(`${commitmentButtonIds.undo}:${c.id}`)
    .setLabel(Array.from(`Undo: ${c.text}`).slice(0, labelMax).join(''))
    .setStyle(ButtonStyle.Secondary);
}

function reflectButton(date: LocalDate): ButtonBuilder {
  return new ButtonBuilder()
    .setCustomId(`${commitmentButtonIds.reflect}:${date}`)
    .setLabel('Reflect')
    .setStyle(ButtonStyle.Primary);
}
