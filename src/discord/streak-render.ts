import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import type { FreezeNews } from '../coach/freeze-news.js';
import { type FrozenDay, freezeRules, type StreakView } from '../coach/streak.js';
import type { LocalDate } from '../coach/time.js';
import type { TodayPlan } from '../coach/today.js';
import type { RestDayStatus } from '../store/freezes.repository.js';
import type { Reply } from './command.js';
import { eveningPrefix, nudgeButton } from './nudge-render.js';
import { streakLine } from './render.js';

export const skipChoiceIds = { rest: 'skip-choice:rest', quiet: 'skip-choice:quiet' } as const;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const days = (n: number) => `${n}-day`;

/** The nudge's line on what happened to the streak since the last nudge, if anything. */
export function freezeNewsLine(news: FreezeNews | undefined): string | undefined {
  if (!news) return undefined;
  if (news.kind === 'broke') {
    return `💔 No freeze held, so missing ${news.date} ended your ${days(news.streak)} streak.`;
  }
  return news.rest
    ? `😴 Your rest day ${news.date} used a freeze (${news.left} left).`
    : `🧊 A freeze kept your streak alive on ${news.date} (${news.left} left).`;
}

/** `/streak`: the streak, the freezes held and how the next is earned, the last freeze used or why none was. */
export function renderStreak(view: StreakView, frozen: readonly FrozenDay[], toward: number): string {
  const toGo = freezeRules.earnEvery - toward;
  const lines = [
    streakLine(view),
    `🧊 Freezes: **${view.freezes}** of ${freezeRules.maxHeld}` +
      (view.freezes < freezeRules.maxHeld && view.current > 0
        ? ` · next after ${plural(toGo, 'more required day')} done in a row`
        : ''),
  ];
  const lastFrozen = [...frozen.map((f) => ({ ...f })), ...view.spent.map((date) => ({ date, kind: 'auto' }))].at(-1);
  if (view.brokeOn) {
    lines.push(`💔 Missing ${view.brokeOn} ended your ${days(view.lost)} streak: you held no freeze.`);
  } else if (lastFrozen) {
    const why = lastFrozen.kind === 'rest' ? 'your rest day' : 'a missed day';
    lines.push(`Last freeze used on ${lastFrozen.date} (${why}).`);
  }
  return lines.join('\n');
}

/** The evening save: today's routine not logged yet, what is at stake, and the buttons to act on it. */
export function renderEveningSave(
  today: TodayPlan,
  view: Pick<StreakView, 'current' | 'freezes'>,
): RESTPostAPIChannelMessageJSONBody {
  const stake =
    view.current === 0
      ? 'Check in today to start a streak.'
      : view.freezes > 0
        ? `Check in to keep your ${days(view.current)} streak growing; otherwise one of your ` +
          `${plural(view.freezes, 'freeze')} covers today.`
        : `Your ${days(view.current)} streak ends at midnight unless you check in (you hold no freeze).`;
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    nudgeButton('checkin', today.date),
    nudgeButton('skip', today.date),
  );
  const content = `${eveningPrefix}no check-in yet today (${today.routine.title}).\n🔥 ${stake}`;
  return { content, components: [row.toJSON()] };
}

/** *Skip today*'s answer: a rest day when a freeze can cover it, else why not; and "just no more nudges". */
export function renderSkipChoices(date: LocalDate, offer: RestDayStatus): Reply {
  const quiet = new ButtonBuilder()
    .setCustomId(`${skipChoiceIds.quiet}:${date}`)
    .setLabel('Just no more nudges today')
    .setStyle(ButtonStyle.Secondary);
  const row = new ActionRowBuilder<ButtonBuilder>();
  if (offer.status === 'offer') {
    row.addComponents(
      new ButtonBuilder()
        .setCustomId(`${skipChoiceIds.rest}:${date}`)
        .setLabel(`Rest day (uses a freeze, ${offer.left} left)`)
        .setStyle(ButtonStyle.Primary),
    );
  }
  row.addComponents(quiet);
  const streak = days(offer.streak);
  const content = {
    offer: `Skip today? A **rest day** uses a freeze: today keeps your ${streak} streak without adding to it.`,
    taken: '',
    already: `Today is already a rest day: your streak is safe. No more nudges today.`,
    no_freeze:
      offer.streak > 0
        ? `You hold no freeze, so your ${streak} streak will break unless you check in today.`
        : 'You hold no freeze (one comes with every 7 required days done in a row). Check in to start a streak.',
    optional: 'Today is optional: skipping it never breaks your streak.',
    paused: 'You are paused: today neither counts nor breaks your streak.',
    checked_in: 'You already checked in today, so your streak is safe.',
  }[offer.status];
  return offer.status === 'already' ? { content } : { content, components: [row] };
}
