import {
  ActionRowBuilder,
  type APIMessage,
  ButtonBuilder,
  ButtonStyle,
  type RESTPostAPIChannelMessageJSONBody,
} from 'discord.js';
import type { Commitment } from '../../schema/index.js';
import type { TodayPlan } from '../coach/today.js';
import { nudgeCommitments } from './commitments-render.js';
import { describePosition, weekdayLabels } from './render.js';

export const nudgeButtonIds = { checkin: 'nudge:checkin', snooze: 'nudge:snooze', skip: 'nudge:skip' } as const;
const nudgeButtonLooks = {
  checkin: ['Check in', ButtonStyle.Success],
  snooze: ['Snooze 1 h', ButtonStyle.Secondary],
  skip: ['Skip today', ButtonStyle.Secondary],
} as const;

/** One of the nudge's buttons for a local date; the evening save reuses them, so both carry the same ids. */
export function nudgeButton(action: keyof typeof nudgeButtonIds, date: string): ButtonBuilder {
  const [label, style] = nudgeButtonLooks[action];
  return new ButtonBuilder().setCustomId(`${nudgeButtonIds[action]}:${date}`).setLabel(label).setStyle(style);
}
const reminderPrefix = '⏰ Reminder — ';
export const eveningPrefix = '🌙 Evening save — ';
/** What a nudge may add to the day's routine. */
export type NudgeExtras = {
  /** The member's commitments for the week of the nudge's date (quoted; on Sunday listed, kept or not). */
  commitments?: readonly Commitment[];
  /** One line on the streak's freezes ("a freeze covered yesterday"). */
  freezeLine?: string;
};

/** The daily DM: short, today's routine made specific by the phase, the streak, three buttons. */
export function renderNudge(
  today: TodayPlan,
  streak: number,
  kind: 'nudge' | 'snooze',
  extras: NudgeExtras = {},
): RESTPostAPIChannelMessageJSONBody {
  const { routine, focus } = today;
  const what =
    routine.activity === 'coding'
      ? // The seed's Mon–Wed routine is "algorithms + system design problem": one of each.
        `🧩 1 algorithm problem + 🏗️ a system-design topic${focus ? `: ${focus.text}` : ''}`
      : `${capitalize(routine.what)}${focus ? `\n🎯 Focus: ${focus.text}` : ''}`;
  const lines = [
    `${kind === 'snooze' ? reminderPrefix : ''}**${weekdayLabels[today.weekday]}: ${routine.title}** ` +
      `(${routine.minutes} min${routine.optional ? ', optional' : ''})`,
    what,
    `🔥 Streak ${streak} · ${describePosition(today.position)}`,
    ...(extras.freezeLine ? [extras.freezeLine] : []),
  ];
  const commitments = nudgeCommitments(today.date, extras.commitments ?? []);
  lines.push(...commitments.lines);
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    nudgeButton('checkin', today.date),
    nudgeButton('snooze', today.date),
    nudgeButton('skip', today.date),
  );
  // Discord allows 5 buttons per row: the commitments' Done buttons and Reflect get a second one.
  const rows = commitments.row ? [row.toJSON(), commitments.row.toJSON()] : [row.toJSON()];
  return { content: lines.join('\n').slice(0, 2000), components: rows };
}

/**
 * Whether a message in the member's DM channel is the nudge (or the snooze reminder, or the evening save) of
 * `date`: its buttons carry the local date, and a reminder or evening save starts with its prefix. Used before
 * re-sending a row that an earlier, crashed attempt may already have delivered.
 */
export function isNudgeMessageFor(message: APIMessage, kind: 'nudge' | 'snooze' | 'evening', date: string): boolean {
  const customIds = (message.components ?? []).flatMap((row) =>
    'components' in row ? row.components.map((c) => ('custom_id' in c ? c.custom_id : undefined)) : [],
  );
  return (
    customIds.includes(`${nudgeButtonIds.checkin}:${date}`) &&
    message.content.startsWith(reminderPrefix) === (kind === 'snooze') &&
    message.content.startsWith(eveningPrefix) === (kind === 'evening')
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
