import type { FrozenDay, StreakView } from './streak.js';
import { compareDates, type LocalDate } from './time.js';

/** What happened to the streak on a day that just ended: a freeze covered it, or none was held. */
export type FreezeNews =
  | { kind: 'frozen'; date: LocalDate; rest: boolean; left: number }
  | { kind: 'broke'; date: LocalDate; streak: number };

/**
 * The latest streak event on a day that ended within (`from`, `to`]: a nudge reports what happened since
 * the previous one (they are a day apart), so each frozen or breaking day is reported once. `stored` are
 * the frozen days the recomputation stored; `view` adds those spent (or the break) since its last day.
 */
export function freezeNewsBetween(
  view: StreakView,
  stored: readonly FrozenDay[],
  dayEndsAt: (date: LocalDate) => Date,
  from: Date,
  to: Date,
): FreezeNews | undefined {
  const within = (date: LocalDate) => {
    const end = dayEndsAt(date).getTime();
    return end > from.getTime() && end <= to.getTime();
  };
  if (view.brokeOn && within(view.brokeOn)) return { kind: 'broke', date: view.brokeOn, streak: view.lost };
  const frozen = [...stored, ...view.spent.map((date) => ({ date, kind: 'auto' as const }))]
    .filter((f) => within(f.date))
    .sort((a, b) => compareDates(a.date, b.date))
    .at(-1);
  return frozen && { kind: 'frozen', date: frozen.date, rest: frozen.kind === 'rest', left: view.freezes };
}
