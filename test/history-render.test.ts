import { describe, expect, it } from 'vitest';
import { type HistoryDay, historyDays } from '../src/coach/member-days.js';
import { streakRulesFor } from '../src/coach/routine.js';
import { renderHistory } from '../src/discord/history-render.js';
import { defaultPlan } from '../src/plan/default-plan.js';

const twoADay = (note: string, link: string): HistoryDay[] => {
  let id = 0;
  const entries = Array.from({ length: 14 }, (_, day) => `2026-06-${String(day + 1).padStart(2, '0')}`).flatMap(
    (localDate) =>
      [1, 2].map(() => ({
        id: ++id,
        localDate,
        activity: 'coding' as const,
        minutes: 30,
        note,
        link,
      })),
  );
  return historyDays(entries, {
    today: '2026-06-14',
    planStartDate: '2026-06-01',
    pauses: [],
    checkinDates: new Set(entries.map((e) => e.localDate)),
    frozenDays: [],
    rules: streakRulesFor(defaultPlan),
  });
};

const view = (days: HistoryDay[]) => {
  const reply = renderHistory(days, { current: 14, best: 14 });
  const embed = (reply.embeds!.at(0) as { toJSON: () => { description: string; footer: { text: string } } }).toJSON();
  const rows = (reply.components ?? []).map((row) => (row as { toJSON: () => { components: unknown[] } }).toJSON());
  const ids = rows.flatMap((row) => row.components.map((c) => (c as { custom_id: string }).custom_id));
  return { embed, rows, ids };
};

describe('the /history message', () => {
  it('given 28 entries in 14 days, lists them all and gives the newest 12 their buttons, saying so', () => {
    const { embed, rows, ids } = view(twoADay('two-sum', 'https://github.com/o/r/pull/1'));
    expect(embed.description.match(/`#\d+`/g)).toHaveLength(28);
    expect(embed.footer.text).toContain('Buttons cover entries #1–#12.');
    expect(rows.map((row) => row.components.length)).toEqual([5, 5, 5, 5, 4]);
    expect(ids.slice(0, 4)).toEqual(['history:edit:27', 'history:delete:27', 'history:edit:28', 'history:delete:28']);
  });

  it('given the longest notes and links, stays within the embed limit and points to /export for the rest', () => {
    const { embed, ids } = view(twoADay('n'.repeat(1000), `https://example.com/${'p'.repeat(480)}`));
    expect(embed.description.length).toBeLessThanOrEqual(4096);
    expect(embed.description).toMatch(/…and \d+ older entries \(see \/export\)\.$/);
    const shown = embed.description.match(/`#\d+`/g)?.length ?? 0;
    expect(shown).toBeGreaterThanOrEqual(12); // every entry with buttons is on the list
    expect(ids).toHaveLength(24);
  });

  it('marks a day a freeze covered: spent on a missed day, or taken as a rest day', () => {
    const days = historyDays([], {
      today: '2026-06-10',
      planStartDate: '2026-06-01',
      pauses: [],
      checkinDates: new Set(),
      frozenDays: [
        { date: '2026-06-09', kind: 'auto' },
        { date: '2026-06-10', kind: 'rest' },
      ],
      rules: streakRulesFor(defaultPlan),
    });
    const { embed } = view(days);
    expect(embed.description).toContain('**Wed 2026-06-10** 🧊 rest day (freeze)');
    expect(embed.description).toContain('**Tue 2026-06-09** 🧊 frozen');
    expect(embed.description).toContain('**Mon 2026-06-08** ❌ missed');
  });
});
