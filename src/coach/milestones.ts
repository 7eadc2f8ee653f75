import { type Phase, type Plan, type PlanItem, type SectionKey, sectionKeys } from '../plan/model.js';
import { limits } from './inputs.js';
import type { PlanPosition } from './progress.js';

/** One area (section) of a phase: how many of its items are done, and the first one still open. */
export type AreaProgress = {
  key: SectionKey;
  title: string;
  done: number;
  total: number;
  next: PlanItem | undefined;
};

export function areaProgressOf(phase: Phase, doneIds: ReadonlySet<string>): AreaProgress[] {
  return sectionKeys.map((key) => {
    const { title, items } = phase[key];
    return {
      key,
      title,
      done: items.filter((item) => doneIds.has(item.id)).length,
      total: items.length,
      next: items.find((item) => !doneIds.has(item.id)),
    };
  });
}

/** A text bar, one segment per item (scaled down past `width` items): `▰▰▱▱▱ 2/5`. */
export function progressBar(done: number, total: number, width = 10): string {
  const segments = Math.min(total, width);
  const filled = total === 0 ? 0 : Math.round((done / total) * segments);
  return `${'▰'.repeat(filled)}${'▱'.repeat(segments - filled)} ${done}/${total}`;
}

export type LocatedItem = { phase: Phase; key: SectionKey; title: string; item: PlanItem };

/** Every item of the plan with where it sits, in the plan's order. */
export function locatedItems(plan: Plan): LocatedItem[] {
  return plan.phases.flatMap((phase) =>
    sectionKeys.flatMap((key) => phase[key].items.map((item) => ({ phase, key, title: phase[key].title, item }))),
  );
}

export function findPlanItem(plan: Plan, id: string): LocatedItem | undefined {
  return locatedItems(plan).find((located) => located.item.id === id);
}

/** The phase whose items a member works on: the current one, else the first before the start, none after the end. */
export function workingPhaseOf(plan: Plan, position: PlanPosition): Phase | undefined {
  if (position.status === 'active') return position.phase;
  return position.status === 'not_started' ? plan.phases[0] : undefined;
}

/** Item texts carry Discord markdown (**bold**, `code`); choice names are shown as plain text. */
export function plainText(text: string): string {
  return text.replace(/\*\*|__|`/g, '');
}

// Discord's limits for autocomplete: at most 25 choices, names of 1–100 characters, values of at most 100.
const maxChoices = 25;
const maxName = 100;

export type ChoiceInput = {
  plan: Plan;
  /** The member's working phase; undefined when unknown (not enrolled, database slow) or after the plan. */
  current: Phase | undefined;
  doneIds: ReadonlySet<string>;
  /** `done` suggests open items first, `undo` done ones. */
  mode: 'done' | 'undo';
  query: string;
};

/** Suggestions for /milestone: the working phase first, the items the mode is for first within each group. */
export function milestoneChoices(input: ChoiceInput): Array<{ name: string; value: string }> {
  const query = input.query.trim().toLowerCase();
  const wanted = (id: string) => input.doneIds.has(id) === (input.mode === 'undo');
  const rank = ({ phase, item }: LocatedItem) =>
    (phase.number === input.current?.number ? 0 : 2) + (wanted(item.id) ? 0 : 1);
  return locatedItems(input.plan)
    .filter(({ item }) => item.id.length <= limits.milestoneMax)
    .filter(({ item }) => `${item.id} ${plainText(item.text)}`.toLowerCase().includes(query))
    .map((located, order) => ({ located, order, rank: rank(located) }))
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .slice(0, maxChoices)
    .map(({ located: { phase, item } }) => ({
      name: clip(`${input.doneIds.has(item.id) ? '✓ ' : ''}P${phase.number} · ${plainText(item.text)}`),
      value: item.id,
    }));
}

function clip(text: string): string {
  return text.length <= maxName ? text : `${text.slice(0, maxName - 1).trimEnd()}…`;
}
