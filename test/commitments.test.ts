import { describe, expect, it } from 'vitest';
import {
  commitmentsOn,
  keptCount,
  parseCommitmentLine,
  parseReflection,
  reflectionWeekAt,
} from '../src/coach/commitments.js';
import { addDays, instantAt } from '../src/coach/time.js';

const form = (commitments: string, extra: { wentWell?: string; inTheWay?: string } = {}) => ({
  wentWell: extra.wentWell ?? '',
  inTheWay: extra.inTheWay ?? '',
  commitments,
});

describe('parsing the commitments field', () => {
  it.each([
    ['Thu: first PR to DuckDB', 'thu', 'first PR to DuckDB'],
    ['thu - first PR to DuckDB', 'thu', 'first PR to DuckDB'],
    ['Thursday: first PR to DuckDB', 'thu', 'first PR to DuckDB'],
    ['TUES – blog post', 'tue', 'blog post'],
    ['sun:reflect early', 'sun', 'reflect early'],
    ['sat-night hack session', null, 'sat-night hack session'],
    ['Notes: read the paper', null, 'Notes: read the paper'],
    ['write about B-trees', null, 'write about B-trees'],
  ])('"%s" is for %s: "%s"', (line, weekday, text) => {
    expect(parseCommitmentLine(line)).toEqual({ weekday, text });
  });

  it('takes one commitment per line, ignoring blank lines and surrounding spaces, numbered in order', () => {
    const parsed = parseReflection(form('\n  Thu: first PR  \n\n\nwrite about B-trees\r\n'));
    expect(parsed.commitments).toEqual([
      { position: 1, weekday: 'thu', text: 'first PR' },
      { position: 2, weekday: null, text: 'write about B-trees' },
    ]);
  });

  it('accepts exactly three commitments of 100 characters each, a weekday in front not counted', () => {
    const hundred = 'x'.repeat(100);
    const parsed = parseReflection(form(`Monday: ${hundred}\n${hundred}\n${hundred}`));
    expect(parsed.commitments.map((c) => c.text.length)).toEqual([100, 100, 100]);
  });

  it.each([
    ['four commitments', form('a\nb\nc\nd'), 'Commitments for next week: at most 3, one per line (you wrote 4)'],
    ['one over 100 characters', form(`ok\n${'y'.repeat(101)}`), 'line 2 is 101 characters'],
    ['a weekday with no task', form('Thu:'), 'line 1 names a day but no task'],
    ['a NUL character', form('a\u0000b'), 'must not contain NUL'],
    ['a reflection over 1000 characters', form('', { wentWell: 'w'.repeat(1001) }), 'What went well: must be at'],
    ['an empty form', form('  \n '), 'The form was empty, so nothing was saved'],
  ])('refuses %s with a message naming the problem', (_case, raw, message) => {
    expect(() => parseReflection(raw)).toThrow(message);
  });

  it('accepts a form with only one field filled in (no field is required on its own)', () => {
    expect(parseReflection(form('', { inTheWay: 'a cold' }))).toEqual({
      wentWell: '',
      inTheWay: 'a cold',
      commitments: [],
    });
  });
});

describe('which commitment a date quotes', () => {
  const c = (position: number, weekday: 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun' | null) => ({
    position,
    weekday,
  });
  const week = (monday: string) => Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const quoted = (monday: string, list: ReturnType<typeof c>[]) =>
    week(monday).map((date) => commitmentsOn(date, list).map((x) => x.position));

  it('undated commitments rotate over the week in order, Monday first', () => {
    expect(quoted('2026-06-01', [c(1, null), c(2, null), c(3, null)])).toEqual([[1], [2], [3], [1], [2], [3], [1]]);
  });

  it('a dated commitment takes its day; undated ones rotate over the days left free', () => {
    // Free days: Mon Tue Wed Fri Sat Sun -> 2, 3, 2, 3, 2, 3
    expect(quoted('2026-06-01', [c(1, 'thu'), c(2, null), c(3, null)])).toEqual([[2], [3], [2], [1], [3], [2], [3]]);
  });

  it('only dated commitments: their days quote them, the other days nothing; two on one day both', () => {
    expect(quoted('2026-06-01', [c(2, 'tue'), c(1, 'tue'), c(3, 'fri')])).toEqual([[], [1, 2], [], [], [3], [], []]);
    expect(quoted('2026-06-01', [])).toEqual([[], [], [], [], [], [], []]);
  });

  it('weeks across a month end and a year end rotate the same way', () => {
    const list = [c(1, null), c(2, 'wed')];
    const expected = [[1], [1], [2], [1], [1], [1], [1]];
    expect(quoted('2026-08-31', list)).toEqual(expected); // Mon Aug 31 – Sun Sep 6
    expect(quoted('2026-12-28', list)).toEqual(expected); // Mon Dec 28 – Sun Jan 3
  });
});

describe('the week a reflection belongs to', () => {
  it("is the member's local week; its commitments are for the next one, across a month end", () => {
    // Sunday 2026-05-31 23:30 in Berlin is already Monday in UTC.
    const now = instantAt('2026-05-31', '23:30', 'Europe/Berlin');
    expect(reflectionWeekAt(now, 'Europe/Berlin')).toEqual({
      today: '2026-05-31',
      weekStart: '2026-05-25',
      for: '2026-06-01',
    });
    expect(reflectionWeekAt(now, 'UTC')).toMatchObject({ today: '2026-05-31', weekStart: '2026-05-25' });
    expect(reflectionWeekAt(now, 'Asia/Kolkata')).toMatchObject({ today: '2026-06-01', weekStart: '2026-06-01' });
  });

  it('follows the zone through a DST change: the Sunday of the fall-back is one 25-hour local day', () => {
    // America/New_York falls back on Sunday 2026-11-01.
    const zone = 'America/New_York';
    const early = instantAt('2026-11-01', '00:30', zone);
    const late = instantAt('2026-11-01', '23:30', zone);
    expect(late.getTime() - early.getTime()).toBe(24 * 3_600_000); // 23 h of wall clock + the repeated hour
    for (const now of [early, late])
      expect(reflectionWeekAt(now, zone)).toEqual({ today: '2026-11-01', weekStart: '2026-10-26', for: '2026-11-02' });
    expect(reflectionWeekAt(new Date(late.getTime() + 3_600_000), zone).weekStart).toBe('2026-11-02');
  });

  it('and through the spring-forward Sunday in Berlin (a 23-hour day)', () => {
    const zone = 'Europe/Berlin';
    const justBeforeMidnight = instantAt('2026-03-29', '23:59', zone);
    expect(reflectionWeekAt(justBeforeMidnight, zone)).toMatchObject({ today: '2026-03-29', for: '2026-03-30' });
    expect(reflectionWeekAt(new Date(justBeforeMidnight.getTime() + 60_000), zone)).toMatchObject({
      today: '2026-03-30',
      weekStart: '2026-03-30',
      for: '2026-04-06',
    });
  });
});

describe('kept count', () => {
  it('counts the commitments marked done out of those made', () => {
    expect(keptCount([{ doneOn: '2026-06-04' }, { doneOn: null }, { doneOn: '2026-06-02' }])).toEqual({
      kept: 2,
      total: 3,
    });
    expect(keptCount([])).toEqual({ kept: 0, total: 0 });
  });
});
