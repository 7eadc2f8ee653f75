import { describe, expect, it } from 'vitest';
import { checkinsCsv, csvField } from '../src/coach/export.js';
import { type DayFacts, heatmapGrid, historyDays, isEditable } from '../src/coach/member-days.js';
import { streakRulesFor } from '../src/coach/routine.js';
import { defaultPlan } from '../src/plan/default-plan.js';

const facts = (over: Partial<DayFacts> = {}): DayFacts => ({
  today: '2026-06-03', // a Wednesday
  planStartDate: '2026-05-25',
  pauses: [{ startDate: '2026-05-28', endDate: '2026-05-29' }],
  checkinDates: new Set(['2026-05-26', '2026-05-29', '2026-05-30']),
  frozenDays: [],
  rules: streakRulesFor(defaultPlan),
  ...over,
});

describe('a member day by day', () => {
  it('given check-ins, a pause and a Saturday, names each of the last 14 days newest first', () => {
    const days = historyDays([], facts());
    expect(days.map((d) => `${d.date} ${d.state}${d.paused ? ' paused' : ''}${d.optional ? ' optional' : ''}`)).toEqual(
      [
        '2026-06-03 future',
        '2026-06-02 missed',
        '2026-06-01 missed',
        '2026-05-31 missed',
        '2026-05-30 done optional',
        '2026-05-29 done paused',
        '2026-05-28 paused paused', // the state, then the flag
        '2026-05-27 missed',
        '2026-05-26 done',
        '2026-05-25 missed',
        '2026-05-24 not_started',
        '2026-05-23 not_started optional',
        '2026-05-22 not_started',
        '2026-05-21 not_started',
      ],
    );
  });

  it('a day a freeze covered is frozen, today too when taken as a rest day, and says how it was covered', () => {
    const frozenDays = [
      { date: '2026-05-27', kind: 'auto' as const },
      { date: '2026-06-03', kind: 'rest' as const },
    ];
    const days = historyDays([], facts({ frozenDays }));
    const shown = (date: string) => days.find((d) => d.date === date);
    expect(shown('2026-05-27')).toMatchObject({ state: 'frozen', frozen: 'auto' });
    expect(shown('2026-06-03')).toMatchObject({ state: 'frozen', frozen: 'rest' });
    expect(shown('2026-06-02')).toMatchObject({ state: 'missed', frozen: null });
    expect(heatmapGrid(facts({ frozenDays })).at(-2)?.days).toEqual([
      'missed',
      'done',
      'frozen',
      'paused',
      'done',
      'done',
      'missed',
    ]);
  });

  it('an entry is editable for 14 local days, today included, and not a day longer', () => {
    expect(isEditable('2026-05-21', '2026-06-03')).toBe(true);
    expect(isEditable('2026-05-20', '2026-06-03')).toBe(false);
  });

  it('the heatmap has 12 Monday-first weeks ending with the current one', () => {
    const weeks = heatmapGrid(facts());
    expect(weeks).toHaveLength(12);
    expect(weeks[0]?.weekStart).toBe('2026-03-16');
    expect(weeks.at(-1)).toEqual({
      weekStart: '2026-06-01',
      days: ['missed', 'missed', 'future', 'future', 'future', 'future', 'future'],
    });
    expect(weeks.at(-2)?.days).toEqual(['missed', 'done', 'missed', 'paused', 'done', 'done', 'missed']);
  });
});

describe('the CSV export', () => {
  it('quotes a field only when it holds a comma, a quote or a line break, doubling quotes (RFC 4180)', () => {
    expect(['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\r', null, 45].map(csvField)).toEqual([
      'plain',
      '"a,b"',
      '"say ""hi"""',
      '"two\nlines"',
      '"cr\r"',
      '',
      '45',
    ]);
  });

  it('ends every record, the header too, with CRLF', () => {
    const createdAt = new Date('2026-05-26T10:00:00Z');
    const csv = checkinsCsv([
      { id: 7, localDate: '2026-05-26', activity: 'writing', minutes: 30, note: null, link: null, createdAt },
    ]);
    expect(csv).toBe(
      'id,local_date,activity,minutes,note,link,created_at\r\n7,2026-05-26,writing,30,,,2026-05-26T10:00:00.000Z\r\n',
    );
  });
});
