import { describe, expect, it } from 'vitest';
import { freezeNewsBetween } from '../src/coach/freeze-news.js';
import { streakRulesFor } from '../src/coach/routine.js';
import { dayEndsAt, lastEndedDay, recomputeStreak, streakAsOf } from '../src/coach/streak.js';
import { addDays, weekdayOf } from '../src/coach/time.js';
import { defaultPlan } from '../src/plan/default-plan.js';

const rules = streakRulesFor(defaultPlan); // Saturday is optional
const june = (d: number) => `2026-06-${String(d).padStart(2, '0')}`; // 2026-06-01 is a Monday
/** `count` required days (Saturdays left out) from `from` on. */
function requiredDays(from: string, count: number): string[] {
  const days: string[] = [];
  for (let day = from; days.length < count; day = addDays(day, 1)) if (weekdayOf(day) !== 'sat') days.push(day);
  return days;
}

describe('earning freezes', () => {
  it('seven required days done in a row earn one; a Saturday done adds to the streak but not toward a freeze', () => {
    const week = [june(1), june(2), june(3), june(4), june(5), june(6), june(7)]; // Mon–Sun, Saturday included
    expect(recomputeStreak(week, [], rules).state).toMatchObject({ current: 7, freezes: 0 });
    expect(recomputeStreak([...week, june(8)], [], rules)).toMatchObject({
      state: { current: 8, freezes: 1 },
      toward: 0,
    });
  });

  it('a member holds at most two freezes, however long the streak', () => {
    const { state } = recomputeStreak(requiredDays(june(1), 28), [], rules);
    expect(state.current).toBe(28);
    expect(state.freezes).toBe(2);
  });

  it('paused days neither earn nor interrupt the run toward a freeze', () => {
    const pauses = [{ startDate: june(4), endDate: june(10) }];
    const days = [june(1), june(2), june(3), june(11), june(12), june(14), june(15)]; // 7 required days done
    expect(recomputeStreak(days, pauses, rules).state).toMatchObject({ current: 7, freezes: 1 });
  });
});

describe('spending freezes', () => {
  const firstWeek = requiredDays(june(1), 7); // Mon 1 … Mon 8 without Saturday: one freeze earned on the 8th

  it('a missed required day is covered by a held freeze: the streak goes on and the frozen day does not add', () => {
    const record = recomputeStreak([...firstWeek, june(10)], [], rules); // Tuesday 9 missed
    expect(record.frozen).toEqual([{ date: june(9), kind: 'auto' }]);
    expect(record.state).toEqual({ current: 8, best: 8, lastDate: june(10), freezes: 0 });
  });

  it('one freeze never covers two days: a gap of two missed days with one freeze ends the streak', () => {
    const record = recomputeStreak([...firstWeek, june(11)], [], rules); // 9 and 10 missed
    expect(record.frozen).toEqual([{ date: june(9), kind: 'auto' }]); // spent when the 9th ended
    expect(record.state).toEqual({ current: 1, best: 7, lastDate: june(11), freezes: 0 });
  });

  it('two freezes cover two missed days in a row, one each', () => {
    const twoWeeks = requiredDays(june(1), 14); // ends Tuesday 16, two freezes held
    const record = recomputeStreak([...twoWeeks, june(19)], [], rules); // 17 and 18 missed
    expect(record.frozen.map((f) => f.date)).toEqual([june(17), june(18)]);
    expect(record.state).toMatchObject({ current: 15, freezes: 0 });
  });

  it('a frozen day starts the run toward the next freeze again', () => {
    const record = recomputeStreak([...firstWeek, ...requiredDays(june(10), 6)], [], rules); // 9 frozen
    expect(record.state.freezes).toBe(0);
    expect(record.toward).toBe(6);
    expect(recomputeStreak([...firstWeek, ...requiredDays(june(10), 7)], [], rules).state.freezes).toBe(1);
  });

  it('a rest day uses a freeze in advance; a check-in that day counts instead and keeps the freeze', () => {
    const rest = recomputeStreak(firstWeek, [], rules, [june(9)]);
    expect(rest.frozen).toEqual([{ date: june(9), kind: 'rest' }]);
    expect(rest.state).toEqual({ current: 7, best: 7, lastDate: june(9), freezes: 0 });
    const worked = recomputeStreak([...firstWeek, june(9)], [], rules, [june(9)]);
    expect(worked.frozen).toEqual([]);
    expect(worked.state).toMatchObject({ current: 8, freezes: 1 });
  });

  it('a rest day without a freeze left is a missed day: the streak ends', () => {
    const record = recomputeStreak(requiredDays(june(1), 3), [], rules, [june(4)]);
    expect(record.frozen).toEqual([]);
    expect(record.state.current).toBe(0);
  });
});

describe('the streak as the member sees it', () => {
  const stored = recomputeStreak(requiredDays(june(1), 7), [], rules).state; // last day Monday 8, one freeze

  it('a missed day that is not over yet neither spends a freeze nor breaks; once over it spends one', () => {
    const pending = streakAsOf(stored, june(10), june(8), [], rules); // Tuesday 9 still within the grace
    expect(pending).toMatchObject({ current: 7, freezes: 1, spent: [], brokeOn: null });
    const over = streakAsOf(stored, june(10), june(9), [], rules);
    expect(over).toMatchObject({ current: 7, freezes: 0, spent: [june(9)], brokeOn: null });
  });

  it('a second missed day over with no freeze left ends the streak and names that day', () => {
    const view = streakAsOf(stored, june(11), june(10), [], rules);
    expect(view).toMatchObject({ current: 0, freezes: 0, spent: [june(9)], brokeOn: june(10), lost: 7 });
  });

  it('a day ends at local midnight plus the check-in grace, DST included', () => {
    expect(dayEndsAt(june(1), 'Europe/Berlin', 12).toISOString()).toBe('2026-06-02T10:00:00.000Z');
    expect(lastEndedDay(new Date('2026-06-02T09:59:00Z'), 'Europe/Berlin', 12)).toBe('2026-05-31');
    expect(lastEndedDay(new Date('2026-06-02T10:00:00Z'), 'Europe/Berlin', 12)).toBe(june(1));
    // New York springs forward on 2026-03-08: the 7th ends at 02:00 local on the 8th, which is 03:00 EDT.
    expect(dayEndsAt('2026-03-07', 'America/New_York', 2).toISOString()).toBe('2026-03-08T07:00:00.000Z');
  });

  it('the nudge after a day ended reports its freeze once; the one before and the one after do not', () => {
    const view = streakAsOf(stored, june(10), june(9), [], rules);
    const endsAt = (date: string) => dayEndsAt(date, 'UTC', 12);
    const nudgeAt = (d: number) => new Date(`${june(d)}T07:00:00Z`);
    const news = (d: number) =>
      freezeNewsBetween(view, [], endsAt, new Date(nudgeAt(d).getTime() - 86_400_000), nudgeAt(d));
    expect(news(10)).toBeUndefined(); // the 9th ends at 12:00 on the 10th
    expect(news(11)).toEqual({ kind: 'frozen', date: june(9), rest: false, left: 0 });
    expect(news(12)).toBeUndefined();
    const broke = streakAsOf(stored, june(12), june(10), [], rules);
    expect(freezeNewsBetween(broke, [], endsAt, nudgeAt(11), nudgeAt(12))).toEqual({
      kind: 'broke',
      date: june(10),
      streak: 7,
    });
  });
});
