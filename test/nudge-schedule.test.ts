import { describe, expect, it } from 'vitest';
import { decideDue, firstNudgeDate, nudgeDueAt } from '../src/coach/schedule.js';
import { addDays } from '../src/coach/time.js';

// An oracle independent of Temporal: the zone's UTC offset from Intl at noon the day before and
// the day after. A wall time valid under one of those offsets is a real instant; the earliest
// wins (fall-back). If none is valid, the time is in a spring-forward gap, and the pre-change
// offset lands it exactly "moved forward by the gap".
const formatters = new Map<string, Intl.DateTimeFormat>();
function wallClock(ms: number, zone: string): string {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(ms).map((part) => [part.type, part.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}
function offsetMs(ms: number, zone: string): number {
  return Date.parse(`${wallClock(ms, zone)}:00Z`) - Math.floor(ms / 60_000) * 60_000;
}
function expectedDue(date: string, time: string, zone: string): number {
  const naive = Date.parse(`${date}T${time}:00Z`);
  const before = offsetMs(Date.parse(`${addDays(date, -1)}T12:00:00Z`), zone);
  const after = offsetMs(Date.parse(`${addDays(date, 1)}T12:00:00Z`), zone);
  const valid = [naive - before, naive - after].filter((ms) => wallClock(ms, zone) === `${date}T${time}`);
  return valid.length > 0 ? Math.min(...valid) : naive - before;
}

const cases: Array<[string, string[]]> = [
  ['America/New_York', ['02:30', '01:30', '00:00', '23:59']], // gap 02:00–03:00, overlap 01:00–02:00
  ['Europe/London', ['01:30', '02:00', '00:30']], // gap 01:00–02:00, overlap 01:00–02:00
  ['Australia/Lord_Howe', ['02:15', '01:45', '02:00']], // 30-minute gap 02:00–02:30, overlap 01:30–02:00
  ['Pacific/Chatham', ['03:00', '02:45', '03:44']], // gap 02:45–03:45, overlap 02:45–03:45
  ['America/Havana', ['00:30', '00:00', '23:30']], // DST changes at midnight: gap 00:00–01:00, overlap 00:00–01:00
  ['Asia/Kolkata', ['00:00', '05:30', '23:59']], // no DST
];

describe('two years of daily nudges', () => {
  it.each(cases)('in %s, each local date gets exactly one nudge at the time the DST rules say', (zone, times) => {
    for (const time of times) {
      // Simulate the scheduler: plan the first date, deliver it at its due minute, plan the next date.
      const taken = new Set<string>();
      let date = firstNudgeDate(new Date('2026-01-01T00:00:00Z'), time, zone, taken);
      const sentOn: string[] = [];
      for (let day = 0; day < 730; day += 1) {
        const due = nudgeDueAt(date, time, zone);
        expect(decideDue(due, new Date(due.getTime() - 1), 0)).toBe('wait');
        expect(decideDue(due, due, 0)).toBe('send');
        expect(due.getTime(), `${zone} ${date} ${time}`).toBe(expectedDue(date, time, zone));
        expect(wallClock(due.getTime(), zone).slice(0, 10), 'the nudge falls on its own local date').toBe(date);
        sentOn.push(date);
        taken.add(date);
        date = addDays(date, 1);
      }
      expect(new Set(sentOn).size).toBe(730);
      // Consecutive: no local date skipped, none twice.
      for (let i = 1; i < sentOn.length; i += 1) expect(addDays(sentOn[i - 1]!, 1)).toBe(sentOn[i]);
    }
  });

  it('the simulated DST days include real gaps and overlaps (the oracle is not vacuous)', () => {
    expect(nudgeDueAt('2026-03-08', '02:30', 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
    // 01:30 CDT
    expect(nudgeDueAt('2026-03-08', '00:30', 'America/Havana').toISOString()).toBe('2026-03-08T05:30:00.000Z');
    // the earlier 00:30
    expect(nudgeDueAt('2026-11-01', '00:30', 'America/Havana').toISOString()).toBe('2026-11-01T04:30:00.000Z');
  });
});

describe('planning the first nudge', () => {
  it("a member who enrolls after today's nudge time gets the first nudge tomorrow, not a late one", () => {
    const now = new Date('2026-06-01T08:00:00Z'); // 10:00 in Berlin
    expect(firstNudgeDate(now, '07:30', 'Europe/Berlin', new Set())).toBe('2026-06-02');
    expect(firstNudgeDate(now, '18:00', 'Europe/Berlin', new Set())).toBe('2026-06-01');
    expect(firstNudgeDate(now, '18:00', 'Europe/Berlin', new Set(['2026-06-01']))).toBe('2026-06-02');
  });

  it('after downtime a nudge within the grace window is sent late, an older one is too late', () => {
    const due = new Date('2026-06-01T06:00:00Z');
    const grace = 3 * 3_600_000;
    expect(decideDue(due, new Date('2026-06-01T08:59:00Z'), grace)).toBe('send');
    expect(decideDue(due, new Date('2026-06-01T09:00:01Z'), grace)).toBe('too_late');
  });
});
