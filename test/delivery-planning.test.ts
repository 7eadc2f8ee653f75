import { describe, expect, it } from 'vitest';
import { planNudgeDates } from '../src/coach/schedule.js';
import { planSummaryWeeks } from '../src/coach/summary-schedule.js';

// Pure planning rules: which nudge or summary comes next, and what is recorded as missed.
const berlin = { nudgeTime: '07:30', timeZone: 'Europe/Berlin' };
const threeHours = 3 * 3_600_000;
const none = new Set<string>();

describe('planning the next nudge', () => {
  it('given a member who enrolls at 09:00 after a 07:30 nudge time, the first nudge is tomorrow', () => {
    const plan = planNudgeDates(new Date('2026-06-01T07:00:00Z'), berlin, none);
    expect(plan).toEqual({ missed: [], next: '2026-06-02' });
  });

  it('given a date already planned or sent, enrollment never plans it a second time', () => {
    const plan = planNudgeDates(new Date('2026-06-01T04:00:00Z'), berlin, new Set(['2026-06-01']));
    expect(plan.next).toBe('2026-06-02');
  });

  it('after a delivered date, the next date follows it even when its time has not come yet', () => {
    const plan = planNudgeDates(new Date('2026-06-01T05:31:00Z'), berlin, none, {
      after: '2026-06-01',
      graceMs: threeHours,
    });
    expect(plan).toEqual({ missed: [], next: '2026-06-02' });
  });

  it('after two days of downtime, the dates past the grace window are missed and the one within it is next', () => {
    // 2026-06-04 07:30 Berlin is 05:30Z; at 07:00Z it is 1.5 h late, within the 3-hour grace window.
    const plan = planNudgeDates(new Date('2026-06-04T07:00:00Z'), berlin, none, {
      after: '2026-06-01',
      graceMs: threeHours,
    });
    expect(plan).toEqual({ missed: ['2026-06-02', '2026-06-03'], next: '2026-06-04' });
  });

  it('after a month of downtime, at most 7 dates are recorded and the next is still ahead', () => {
    const now = new Date('2026-07-01T12:00:00Z');
    const plan = planNudgeDates(now, berlin, none, { after: '2026-06-01', graceMs: threeHours });
    expect(plan.missed).toHaveLength(7); // the rule: at most 7 missed dates recorded one by one
    expect(plan.missed[0]).toBe('2026-06-02');
    expect(plan.next).toBe('2026-07-02');
  });
});

describe('planning the next weekly summary', () => {
  const sunday18 = { weekday: 'sun' as const, time: '18:00', timeZone: 'Europe/Berlin' };

  it('given a group set up on a Wednesday, the first summary is that Sunday, covering that week', () => {
    const plan = planSummaryWeeks(new Date('2026-06-03T10:00:00Z'), sunday18, none);
    expect(plan.missed).toBeNull();
    expect(plan.next.weekStart).toBe('2026-06-01');
    expect(plan.next.dueAt.toISOString()).toBe('2026-06-07T16:00:00.000Z');
  });

  it('after a posted week, the following week is next', () => {
    const now = new Date('2026-06-07T16:01:00Z');
    const plan = planSummaryWeeks(now, sunday18, none, { after: '2026-06-01', graceMs: 12 * 3_600_000 });
    expect(plan).toEqual({ missed: null, next: { weekStart: '2026-06-08', dueAt: new Date('2026-06-14T16:00:00Z') } });
  });

  it('after downtime past the grace window, the following week is recorded as missed and the next one planned', () => {
    const now = new Date('2026-06-15T12:00:00Z'); // the 14 June summary is 20 hours late
    const plan = planSummaryWeeks(now, sunday18, none, { after: '2026-06-01', graceMs: 12 * 3_600_000 });
    expect(plan.missed?.weekStart).toBe('2026-06-08');
    expect(plan.next.weekStart).toBe('2026-06-15');
    expect(plan.next.dueAt.toISOString()).toBe('2026-06-21T16:00:00.000Z');
  });
});
