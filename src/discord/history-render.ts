import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder } from 'discord.js';
import { editableDays, type HistoryDay, type HistoryEntry } from '../coach/member-days.js';
import type { DayState } from '../coach/summary-model.js';
import { weekdayOf } from '../coach/time.js';
import type { Reply } from './command.js';
import { activityLabels, streakLine, weekdayLabels } from './render.js';

export const historyIds = {
  edit: 'history:edit',
  delete: 'history:delete',
  confirmDelete: 'history:confirm-delete',
  editModal: 'history:edit-modal',
} as const;

// Discord: 5 rows of 5 buttons; two buttons per entry.
export const maxEntriesWithButtons = 12;
const descriptionBudget = 3800; // of the embed description's 4096

/** Exhaustive: a day state added later fails to compile until it has its mark here. */
const dayMarks: Record<DayState, (today: boolean, day: HistoryDay) => string> = {
  done: () => '✅ done',
  missed: () => '❌ missed',
  optional: () => '▫️ optional day',
  paused: () => '⏸️ paused',
  frozen: (_today, day) => (day.frozen === 'rest' ? '🧊 rest day (freeze)' : '🧊 frozen (a freeze kept your streak)'),
  future: (today) => (today ? '⏳ today, nothing logged yet' : '⏳ upcoming'),
  not_started: () => '· before your plan started',
};

function entryLine(entry: HistoryEntry, number: number): string {
  const note = entry.note ? ` — ${clip(entry.note.replace(/\s+/g, ' '), 80)}` : '';
  // A long link is shown clipped (not clickable) so that two weeks of entries fit; /export has it whole.
  const link = entry.link ? ` — ${entry.link.length <= 100 ? `<${entry.link}>` : `🔗 ${clip(entry.link, 60)}`}` : '';
  return `\`#${number}\` ${activityLabels[entry.activity]} · ${entry.minutes} min${note}${link}`;
}

export function renderHistory(days: readonly HistoryDay[], streak: { current: number; best: number }): Reply {
  const lines: string[] = [];
  const numbered: HistoryEntry[] = [];
  let left = days.reduce((n, d) => n + d.entries.length, 0);
  for (const [index, day] of days.entries()) {
    const weekday = weekdayLabels[weekdayOf(day.date)].slice(0, 3);
    const heading = `**${weekday} ${day.date}** ${dayMarks[day.state](index === 0, day)}${dayNotes(day)}`;
    const body = day.entries.map((entry) => entryLine(entry, numbered.length + day.entries.indexOf(entry) + 1));
    const block = [heading, ...body].join('\n');
    if (lines.join('\n').length + block.length > descriptionBudget) break;
    lines.push(block);
    numbered.push(...day.entries);
    left -= day.entries.length;
  }
  if (left > 0) lines.push(`…and ${left} older entr${left === 1 ? 'y' : 'ies'} (see /export).`);
  const withButtons = numbered.slice(0, maxEntriesWithButtons);
  const buttons = withButtons.flatMap((entry, i) => [
    new ButtonBuilder()
      .setCustomId(`${historyIds.edit}:${entry.id}`)
      .setLabel(`✏️ #${i + 1}`)
      .setStyle(ButtonStyle.Secondary),
    new ButtonBuilder()
      .setCustomId(`${historyIds.delete}:${entry.id}`)
      .setLabel(`🗑️ #${i + 1}`)
      .setStyle(ButtonStyle.Secondary),
  ]);
  const rows = Array.from({ length: Math.ceil(buttons.length / 5) }, (_, r) =>
    new ActionRowBuilder<ButtonBuilder>().addComponents(buttons.slice(r * 5, r * 5 + 5)),
  );
  const more = numbered.length > maxEntriesWithButtons ? ` Buttons cover entries #1–#${maxEntriesWithButtons}.` : '';
  return {
    embeds: [
      new EmbedBuilder()
        .setTitle(`Your last ${editableDays} days`)
        .setDescription(lines.join('\n'))
        .setFooter({ text: `Edit (✏️) or delete (🗑️) an entry of these ${editableDays} days.${more}` }),
    ],
    content: streakLine(streak),
    components: rows,
  };
}

/** A check-in on a paused or optional day is kept; the list says why it does not count (or need not). */
function dayNotes(day: HistoryDay): string {
  if (day.state === 'paused' || day.state === 'optional') return '';
  if (day.paused) return ' · paused day (not counted)';
  return day.optional ? ' · optional day' : '';
}

export function renderDeleteConfirmation(entry: HistoryEntry): Reply {
  const line = entryLine(entry, 1).replace('`#1` ', '');
  return {
    content: `Delete this entry of ${entry.localDate}? ${line}\nYour streak is recomputed without it.`,
    components: [
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder()
          .setCustomId(`${historyIds.confirmDelete}:${entry.id}`)
          .setLabel('Delete it')
          .setStyle(ButtonStyle.Danger),
      ),
    ],
  };
}

function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
