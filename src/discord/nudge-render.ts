import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import type { TodayPlan } from '../coach/today.js';
import { describePosition, weekdayLabels } from './render.js';

export const nudgeButtonIds = { checkin: 'nudge:checkin', snooze: 'nudge:snooze', skip: 'nudge:skip' } as const;

/** The daily DM: short, today's routine made specific by the phase, the streak, three buttons. */
export function renderNudge(
  today: TodayPlan,
  streak: number,
  kind: 'nudge' | 'snooze',
): RESTPostAPIChannelMessageJSONBody {
  const { routine, focus } = today;
  const what =
    routine.activity === 'coding'
      ? // The seed's Mon–Wed routine is "algorithms + system design problem": one of each.
        `🧩 1 algorithm problem + 🏗️ a system-design topic${focus ? `: ${focus.text}` : ''}`
      : `${capitalize(routine.what)}${focus ? `\n🎯 Focus: ${focus.text}` : ''}`;
  const lines = [
    `${kind === 'snooze' ? '⏰ Reminder — ' : ''}**${weekdayLabels[today.weekday]}: ${routine.title}** ` +
      `(${routine.minutes} min${routine.optional ? ', optional' : ''})`,
    what,
    `🔥 Streak ${streak} · ${describePosition(today.position)}`,
  ];
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(`${nudgeButtonIds.checkin}:${today.date}`)
      .setLabel('Check in')
      .setStyle(ButtonStyle.Success),
    new ButtonBuilder()
      .setCustomId(`${nudgeButtonIds.snooze}:${today.date}`)
      .setLabel('Snooze 1 h')
      .setStyle(ButtonStyle.Secondary),
    new ButtonBuilder()
      .setCustomId(`${nudgeButtonIds.skip}:${today.date}`)
      .setLabel('Skip today')
      .setStyle(ButtonStyle.Secondary),
  );
  return { content: lines.join('\n').slice(0, 2000), components: [row.toJSON()] };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
