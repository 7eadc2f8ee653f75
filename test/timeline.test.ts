import { describe, expect, it } from 'vitest';
import { coachNoteFor, missedRequiredDaysBefore } from '../src/coach/coach-notes.js';
import { planPositionOn } from '../src/coach/progress.js';
import { streakRulesFor } from '../src/coach/routine.js';
import { dateOfWorkDay, phaseSpans, workDayOf } from '../src/coach/timeline.js';
import { todayPlanFor } from '../src/coach/today.js';
import { defaultPlan } from '../src/plan/default-plan.js';

const start = '2026-01-01';
const rules = streakRulesFor(defaultPlan);

describe('the plan timeline with pauses and extensions', () => {
  it('an extension of phase 1 keeps the member in phase 1 and moves every later phase back by its days', () => {
    const extensions = [{ phase: 1, days: 14 }];
    expect(planPositionOn(defaultPlan, start, [], '2026-04-01', extensions)).toMatchObject({
      phase: { number: 1 },
      extension: { week: 1, weeks: 2, day: 0 },
    });
    expect(planPositionOn(defaultPlan, start, [], '2026-04-14', extensions)).toMatchObject({
      phase: { number: 1 },
      extension: { week: 2, weeks: 2 },
    });
    expect(planPositionOn(defaultPlan, start, [], '2026-04-15', extensions)).toMatchObject({
      phase: { number: 2 },
      month: 4,
      week: 13, // plan day 90, as on 2026-04-01 without the extension
    });
    expect(planPositionOn(defaultPlan, start, [], '2026-04-15', extensions)).not.toHaveProperty('extension');
    expect(planPositionOn(defaultPlan, start, [], '2027-01-14', extensions).status).toBe('active');
    expect(planPositionOn(defaultPlan, start, [], '2027-01-15', extensions).status).toBe('completed');
  });

  it('a pause before an extension shifts both; a pause inside it lengthens it by the paused days', () => {
    const pauses = [
      { startDate: '2026-02-01', endDate: '2026-02-05' }, // 5 days in phase 1
      { startDate: '2026-04-10', endDate: '2026-04-12' }, // 3 days inside the extension
    ];
    const extensions = [{ phase: 1, days: 28 }];
    const span = phaseSpans(defaultPlan, start, extensions)[0];
    const end = dateOfWorkDay(start, pauses, span?.end ?? 0, '2026-12-31');
    expect(dateOfWorkDay(start, pauses, span?.plannedEnd ?? 0, '2026-12-31')).toBe('2026-04-06'); // Apr 1 + 5
    expect(end).toBe('2026-05-07'); // Apr 6 + 28 + 3
    expect(planPositionOn(defaultPlan, start, pauses, '2026-05-06', extensions)).toMatchObject({
      phase: { number: 1 },
    });
    expect(planPositionOn(defaultPlan, start, pauses, end, extensions)).toMatchObject({ phase: { number: 2 } });
    expect(workDayOf(start, pauses, end)).toBe(span?.end);
  });

  it("extensions of the last phase postpone the plan's end; the focus keeps rotating while extended", () => {
    const extensions = [
      { phase: 4, days: 14 },
      { phase: 4, days: 28 },
    ];
    expect(planPositionOn(defaultPlan, start, [], '2027-02-11', extensions)).toMatchObject({
      phase: { number: 4 },
      extension: { week: 6, weeks: 6 },
    });
    expect(planPositionOn(defaultPlan, start, [], '2027-02-12', extensions).status).toBe('completed');
    const weekOne = todayPlanFor(defaultPlan, start, [], '2027-01-04', extensions).focus;
    const weekTwo = todayPlanFor(defaultPlan, start, [], '2027-01-11', extensions).focus;
    expect(weekOne?.id).not.toBe(weekTwo?.id);
  });
});

describe('coach notes', () => {
  const base = { activeFrom: start, pauses: [], rules, recentCheckins: new Set<string>() };
  const today = (date: string) => todayPlanFor(defaultPlan, start, [], date);

  it('paused and optional days are neutral when counting missed days', () => {
    // Last check-in Friday 2026-03-06; Saturday is optional, Sunday and Monday paused, Tuesday missed.
    const input = {
      ...base,
      date: '2026-03-11',
      lastCheckinDate: '2026-03-06',
      pauses: [{ startDate: '2026-03-08', endDate: '2026-03-09' }],
    };
    expect(missedRequiredDaysBefore(input, 10)).toBe(1);
    expect(coachNoteFor({ ...input, today: today('2026-03-11') })).toBeUndefined();
    const later = { ...input, date: '2026-03-12', today: today('2026-03-12') };
    expect(coachNoteFor(later)).toMatchObject({ kind: 'comeback' });
    expect(coachNoteFor(later)?.text).toContain('20 minutes counts');
  });

  it("Monday's nudge acknowledges a week with every required day done, not one with a gap", () => {
    const week = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-08'];
    const monday = { ...base, date: '2026-03-09', lastCheckinDate: '2026-03-08', today: today('2026-03-09') };
    expect(coachNoteFor({ ...monday, recentCheckins: new Set(week) })).toMatchObject({ kind: 'acknowledgement' });
    expect(coachNoteFor({ ...monday, recentCheckins: new Set(week) })?.text).toContain('(6 of 6)');
    expect(coachNoteFor({ ...monday, recentCheckins: new Set(week.slice(1)) })).toBeUndefined();
    const tuesday = { ...monday, date: '2026-03-10', today: today('2026-03-10'), recentCheckins: new Set(week) };
    expect(coachNoteFor(tuesday)).toBeUndefined();
  });
});
