import { describe, expect, it } from 'vitest';
import { planPositionOn } from '../src/coach/progress.js';
import { addMonths, instantAt, localDateOf, weekdayOf, weekStartOf } from '../src/coach/time.js';
import { defaultPlan } from '../src/plan/default-plan.js';

const at = (iso: string) => new Date(iso);
const phaseAt = (start: string, instant: string, zone: string) => {
  const position = planPositionOn(defaultPlan, start, [], localDateOf(at(instant), zone));
  return position.status === 'active' ? position.phase.number : position.status;
};

describe('local dates around midnight and DST changes', () => {
  it.each([
    // spring-forward day
    ['America/New_York', '2026-03-08T04:59:59Z', '2026-03-07', '2026-03-08T05:00:00Z', '2026-03-08'],
    // the 25-hour day ends at 05:00Z
    ['America/New_York', '2026-11-02T04:59:59Z', '2026-11-01', '2026-11-02T05:00:00Z', '2026-11-02'],
    ['Europe/London', '2026-03-28T23:59:59Z', '2026-03-28', '2026-03-29T00:00:00Z', '2026-03-29'],
    // after fall-back, GMT again
    ['Europe/London', '2026-10-25T23:59:59Z', '2026-10-25', '2026-10-26T00:00:00Z', '2026-10-26'],
    // +10:30 before the 30-min shift
    ['Australia/Lord_Howe', '2026-10-03T13:29:59Z', '2026-10-03', '2026-10-03T13:30:00Z', '2026-10-04'],
    ['Australia/Lord_Howe', '2026-10-04T12:59:59Z', '2026-10-04', '2026-10-04T13:00:00Z', '2026-10-05'], // +11 after it
    ['Pacific/Chatham', '2026-09-26T11:14:59Z', '2026-09-26', '2026-09-26T11:15:00Z', '2026-09-27'], // +12:45
    // +13:45 the next night
    ['Pacific/Chatham', '2026-09-27T10:14:59Z', '2026-09-27', '2026-09-27T10:15:00Z', '2026-09-28'],
    ['Asia/Kolkata', '2026-06-01T18:29:59Z', '2026-06-01', '2026-06-01T18:30:00Z', '2026-06-02'],
  ])('in %s, %s is local %s and %s is local %s', (zone, before, beforeDate, after, afterDate) => {
    expect(localDateOf(at(before), zone)).toBe(beforeDate);
    expect(localDateOf(at(after), zone)).toBe(afterDate);
  });
});

describe('a wall-clock time on a DST change day', () => {
  it.each([
    ['America/New_York', '2026-03-08', '02:30', '2026-03-08T07:30:00.000Z'], // gap 02:00–03:00: 03:30 EDT
    ['America/New_York', '2026-11-01', '01:30', '2026-11-01T05:30:00.000Z'], // overlap: the earlier 01:30 (EDT)
    ['Europe/London', '2026-03-29', '01:30', '2026-03-29T01:30:00.000Z'], // gap 01:00–02:00: 02:30 BST
    ['Europe/London', '2026-10-25', '01:30', '2026-10-25T00:30:00.000Z'], // overlap: 01:30 BST
    ['Australia/Lord_Howe', '2026-10-04', '02:10', '2026-10-03T15:40:00.000Z'], // 30-minute gap: 02:40 +11
    ['Australia/Lord_Howe', '2026-04-05', '01:45', '2026-04-04T14:45:00.000Z'], // 30-minute overlap: 01:45 +11
    ['Pacific/Chatham', '2026-09-27', '03:00', '2026-09-26T14:15:00.000Z'], // gap 02:45–03:45: 04:00 +13:45
    ['Pacific/Chatham', '2026-04-05', '03:00', '2026-04-04T13:15:00.000Z'], // overlap: 03:00 +13:45
    ['Asia/Kolkata', '2026-06-01', '00:00', '2026-05-31T18:30:00.000Z'],
  ])('in %s on %s, %s happens at %s', (zone, date, time, instant) => {
    expect(instantAt(date, time, zone).toISOString()).toBe(instant);
  });

  it('a time inside the gap moves forward by exactly the gap, never backward', () => {
    // New York loses 02:00–03:00: 02:00 and 02:59 land at 03:00 and 03:59 EDT.
    expect(instantAt('2026-03-08', '02:00', 'America/New_York').toISOString()).toBe('2026-03-08T07:00:00.000Z');
    expect(instantAt('2026-03-08', '02:59', 'America/New_York').toISOString()).toBe('2026-03-08T07:59:00.000Z');
    expect(instantAt('2026-03-08', '03:00', 'America/New_York').toISOString()).toBe('2026-03-08T07:00:00.000Z');
  });
});

describe('week boundaries (Monday to Sunday, local)', () => {
  it.each([
    ['Asia/Kolkata', '2026-06-07T18:29:59Z', '2026-06-01', '2026-06-07T18:30:00Z', '2026-06-08'],
    // EDT since Sunday
    ['America/New_York', '2026-03-09T03:59:59Z', '2026-03-02', '2026-03-09T04:00:00Z', '2026-03-09'],
    // GMT again since Sunday
    ['Europe/London', '2026-10-25T23:59:59Z', '2026-10-19', '2026-10-26T00:00:00Z', '2026-10-26'],
    ['Pacific/Chatham', '2026-09-27T10:14:59Z', '2026-09-21', '2026-09-27T10:15:00Z', '2026-09-28'],
    ['Australia/Lord_Howe', '2026-10-04T12:59:59Z', '2026-09-28', '2026-10-04T13:00:00Z', '2026-10-05'],
  ])('in %s the week of %s starts %s, of %s starts %s', (zone, a, weekA, b, weekB) => {
    expect(weekStartOf(localDateOf(at(a), zone))).toBe(weekA);
    expect(weekStartOf(localDateOf(at(b), zone))).toBe(weekB);
    expect(weekdayOf(weekA)).toBe('mon');
  });
});

describe('phase boundaries at local midnight', () => {
  it.each([
    ['America/New_York', '2026-01-01', '2026-04-01T03:59:59Z', '2026-04-01T04:00:00Z'], // EDT midnight
    ['Europe/London', '2025-12-29', '2026-03-28T23:59:59Z', '2026-03-29T00:00:00Z'], // phase 2 begins on the DST day
    ['Australia/Lord_Howe', '2026-01-05', '2026-04-04T12:59:59Z', '2026-04-04T13:00:00Z'], // ... and on fall-back day
    ['Pacific/Chatham', '2026-06-27', '2026-09-26T11:14:59Z', '2026-09-26T11:15:00Z'],
    ['Asia/Kolkata', '2026-01-31', '2026-04-29T18:29:59Z', '2026-04-29T18:30:00Z'], // Jan 31 + 3 months = Apr 30
  ])('in %s with the plan starting %s, phase 2 begins between %s and %s', (zone, start, before, after) => {
    expect(phaseAt(start, before, zone)).toBe(1);
    expect(phaseAt(start, after, zone)).toBe(2);
  });

  it('the plan runs 12 months: phase 4 ends and the plan is completed the day after month 12', () => {
    const start = '2026-01-31';
    const lastDay = '2027-01-30'; // month 13 would begin on 2027-01-31
    expect(addMonths(start, 12)).toBe('2027-01-31');
    expect(planPositionOn(defaultPlan, start, [], lastDay)).toMatchObject({ status: 'active', month: 12 });
    expect(planPositionOn(defaultPlan, start, [], '2027-01-31').status).toBe('completed');
    expect(planPositionOn(defaultPlan, start, [], '2026-01-30')).toEqual({ status: 'not_started', startsInDays: 1 });
  });
});
