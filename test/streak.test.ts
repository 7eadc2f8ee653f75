import { describe, expect, it } from 'vitest';
import { streakRulesFor } from '../src/coach/routine.js';
import { checkinDateFor, computeStreak, currentStreakOn, type PauseRange } from '../src/coach/streak.js';
import { defaultPlan } from '../src/plan/default-plan.js';

const rules = streakRulesFor(defaultPlan);
// 2026-06-01 is a Monday.
const mon = '2026-06-01',
  tue = '2026-06-02',
  wed = '2026-06-03',
  thu = '2026-06-04',
  fri = '2026-06-05';
const sat = '2026-06-06',
  sun = '2026-06-07',
  nextMon = '2026-06-08',
  nextTue = '2026-06-09';

describe('streaks', () => {
  it('given check-ins Monday to Wednesday, the streak is 3 and best is 3', () => {
    expect(computeStreak([wed, mon, tue], [], rules)).toEqual({ current: 3, best: 3, lastDate: wed, freezes: 0 });
  });

  it('given a check-in on Friday and none on Saturday, the streak survives Sunday', () => {
    const state = computeStreak([thu, fri, sun], [], rules);
    expect(state.current).toBe(3);
    expect(currentStreakOn(computeStreak([thu, fri], [], rules), sun, [], rules)).toBe(2);
  });

  it('given a check-in on Saturday, it counts as a day', () => {
    expect(computeStreak([fri, sat, sun], [], rules).current).toBe(3);
  });

  it('given a missed Tuesday, the streak restarts on Wednesday and the best is kept', () => {
    expect(computeStreak(['2026-05-31', mon, wed], [], rules)).toEqual({
      current: 1,
      best: 2,
      lastDate: wed,
      freezes: 0,
    });
  });

  it('given a pause over Wednesday and Thursday, those days neither count nor break', () => {
    const pauses: PauseRange[] = [{ startDate: wed, endDate: thu }];
    expect(computeStreak([mon, tue, fri], pauses, rules).current).toBe(3);
    // A check-in on a paused day is kept but does not count.
    expect(computeStreak([mon, tue, wed, fri], pauses, rules).current).toBe(3);
  });

  it('given an open pause, the streak is frozen until resumed', () => {
    const pauses: PauseRange[] = [{ startDate: wed, endDate: null }];
    expect(currentStreakOn(computeStreak([mon, tue], pauses, rules), nextTue, pauses, rules)).toBe(2);
  });

  it('today not checked in yet does not break the streak; a missed yesterday does', () => {
    const state = computeStreak([mon, tue], [], rules);
    expect(currentStreakOn(state, wed, [], rules)).toBe(2);
    expect(currentStreakOn(state, thu, [], rules)).toBe(0);
    expect(currentStreakOn(computeStreak([fri], [], rules), sun, [], rules)).toBe(1); // Saturday skipped
    expect(currentStreakOn(computeStreak([fri], [], rules), nextMon, [], rules)).toBe(0); // Sunday missed
  });

  it('duplicates of one day count once', () => {
    expect(computeStreak([mon, mon, mon, tue], [], rules).current).toBe(2);
  });
});

describe('which day a check-in is for', () => {
  const zone = 'Europe/Berlin';
  it('yesterday is accepted during the grace window after local midnight, and refused after it', () => {
    // 2026-06-02 09:00 in Berlin (UTC+2).
    expect(checkinDateFor('yesterday', new Date('2026-06-02T07:00:00Z'), zone, 12)).toBe(mon);
    expect(checkinDateFor('yesterday', new Date('2026-06-02T10:00:00Z'), zone, 12)).toBeUndefined(); // 12:00
    expect(checkinDateFor('today', new Date('2026-06-01T22:30:00Z'), zone, 12)).toBe(tue); // 00:30 local
  });
});
