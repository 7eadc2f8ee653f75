import { describe, expect, it } from 'vitest';
import {
  areaProgressOf,
  findPlanItem,
  milestoneChoices,
  plainText,
  progressBar,
  workingPhaseOf,
} from '../src/coach/milestones.js';
import { planPositionOn } from '../src/coach/progress.js';
import { defaultPlan } from '../src/plan/default-plan.js';
import { allItems, type Phase } from '../src/plan/model.js';

const phase = (n: number): Phase => defaultPlan.phases[n - 1]!;
const idsOf = (p: Phase) => allItems(p).map((item) => item.id);
const choices = (input: Partial<Parameters<typeof milestoneChoices>[0]>) =>
  milestoneChoices({ plan: defaultPlan, current: undefined, doneIds: new Set(), mode: 'done', query: '', ...input });

describe('progress per area', () => {
  it('counts done items per area of the phase and names the first open one', () => {
    const areas = areaProgressOf(phase(1), new Set(['p1-skill-dsa', 'p1-practice-daily-problem', 'p2-skill-kafka']));
    expect(areas.map((a) => [a.title, a.done, a.total, a.next?.id])).toEqual([
      ['Skill Focus', 1, 3, 'p1-skill-python-performance'],
      ['Practice', 1, 2, 'p1-practice-profile-work-code'],
      ['Positioning', 0, 1, 'p1-positioning-linkedin-posts'],
    ]);
  });

  it('an area with every item done has no next item; items done out of order are skipped', () => {
    const areas = areaProgressOf(phase(1), new Set(['p1-skill-python-performance', 'p1-positioning-linkedin-posts']));
    expect(areas[0]).toMatchObject({ done: 1, next: { id: 'p1-skill-dsa' } });
    expect(areas[2]).toMatchObject({ done: 1, total: 1, next: undefined });
  });

  it('draws one segment per item, scaled down for long areas', () => {
    expect(progressBar(2, 5)).toBe('▰▰▱▱▱ 2/5');
    expect(progressBar(0, 3)).toBe('▱▱▱ 0/3');
    expect(progressBar(3, 3)).toBe('▰▰▰ 3/3');
    expect(progressBar(7, 20)).toBe('▰▰▰▰▱▱▱▱▱▱ 7/20');
  });

  it('works on the phase the plan position names: phase 2 after a paused phase 1 ends later', () => {
    const pauses = [{ startDate: '2026-02-01', endDate: '2026-03-02' }]; // 30 days
    const on = (date: string) => workingPhaseOf(defaultPlan, planPositionOn(defaultPlan, '2026-01-01', pauses, date));
    expect(on('2026-04-30')?.number).toBe(1);
    expect(on('2026-05-01')?.number).toBe(2);
    expect(on('2025-12-01')?.number).toBe(1); // before the start: the first phase
    expect(on('2028-01-01')).toBeUndefined(); // after the plan: none
  });
});

describe('milestone suggestions', () => {
  it("list the member's phase first: open items before done ones for done, done ones first for undo", () => {
    const done = new Set(['p2-skill-database-internals', 'p2-practice-dataset-pipeline', 'p1-skill-dsa']);
    const forDone = choices({ current: phase(2), doneIds: done }).map((c) => c.value);
    const p2 = idsOf(phase(2));
    const p2Open = p2.filter((id) => !done.has(id));
    expect(forDone.slice(0, p2.length)).toEqual([
      ...p2Open,
      'p2-skill-database-internals',
      'p2-practice-dataset-pipeline',
    ]);
    expect(forDone.slice(p2.length, p2.length + 2)).toEqual(
      idsOf(phase(1))
        .filter((id) => !done.has(id))
        .slice(0, 2), // then the other phases, open items first
    );
    const forUndo = choices({ current: phase(2), doneIds: done, mode: 'undo' }).map((c) => c.value);
    expect(forUndo.slice(0, p2.length)).toEqual([
      'p2-skill-database-internals',
      'p2-practice-dataset-pipeline',
      ...p2Open,
    ]);
    expect(forUndo[p2.length]).toBe('p1-skill-dsa');
  });

  it('offer at most 25 of the 26 items, with names of at most 100 characters and no markdown', () => {
    const all = choices({ current: phase(3) });
    expect(defaultPlan.phases.flatMap(idsOf)).toHaveLength(26);
    expect(all).toHaveLength(25);
    expect(all.slice(0, idsOf(phase(3)).length).map((c) => c.value)).toEqual(idsOf(phase(3)));
    for (const { name, value } of all) {
      expect(name.length).toBeGreaterThan(0);
      expect(name.length).toBeLessThanOrEqual(100);
      expect(name).not.toMatch(/\*\*|`/);
      expect(value).toBe(findPlanItem(defaultPlan, value)?.item.id);
    }
    expect(all.find((c) => c.value === 'p3-positioning-blog-github')?.name).toBe('P3 · Keep an active blog/GitHub.');
  });

  it('clip a name over 100 characters with an ellipsis and mark done items', () => {
    const [dsa] = choices({ query: 'p1-skill-dsa', doneIds: new Set(['p1-skill-dsa']) });
    expect(dsa?.name).toHaveLength(100);
    expect(dsa?.name).toMatch(/^✓ P1 · Revisit data structures & algorithms \(not for interviews only, .*…$/);
  });

  it('filter by id or text, case-insensitively, ignoring the markdown in the text', () => {
    expect(choices({ query: 'P1-SKILL' }).map((c) => c.value)).toEqual(
      idsOf(phase(1)).filter((id) => id.startsWith('p1-skill')),
    );
    expect(choices({ query: '  data STRUCTURES & alg' }).map((c) => c.value)).toEqual(['p1-skill-dsa']);
    expect(choices({ query: 'existing python code' }).map((c) => c.value)).toEqual(['p1-practice-profile-work-code']);
    expect(choices({ query: 'no such thing' })).toEqual([]);
  });

  it('strip bold and code markdown from item texts', () => {
    expect(plainText('Study **Python** with `cProfile` and __care__')).toBe('Study Python with cProfile and care');
  });
});
