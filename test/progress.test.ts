import { describe, expect, it } from 'vitest';
import { pausedDaysBefore, planPositionOn } from '../src/coach/progress.js';
import { defaultPlan } from '../src/plan/default-plan.js';

describe('plan position', () => {
  it('counts overlapping pauses once when shifting the plan', () => {
    const pauses = [
      { startDate: '2026-06-03', endDate: '2026-06-10' },
      { startDate: '2026-06-08', endDate: '2026-06-12' },
    ];
    expect(pausedDaysBefore('2026-06-01', '2026-06-30', pauses)).toBe(10); // June 3–12
    expect(pausedDaysBefore('2026-06-01', '2026-06-05', pauses)).toBe(2); // June 3–4 so far
  });

  it('a 30-day pause in phase 1 moves the start of phase 2 back by 30 days', () => {
    const pauses = [{ startDate: '2026-02-01', endDate: '2026-03-02' }]; // 30 days
    const phaseOn = (date: string) => {
      const position = planPositionOn(defaultPlan, '2026-01-01', pauses, date);
      return position.status === 'active' ? position.phase.number : position.status;
    };
    expect(phaseOn('2026-04-01')).toBe(1);
    expect(phaseOn('2026-04-30')).toBe(1);
    expect(phaseOn('2026-05-01')).toBe(2);
  });

  it('an open pause freezes the plan where it stopped', () => {
    const pauses = [{ startDate: '2026-01-10', endDate: null }];
    expect(planPositionOn(defaultPlan, '2026-01-01', pauses, '2026-12-31')).toMatchObject({
      status: 'active',
      planDay: 9,
      month: 1,
    });
  });
});
