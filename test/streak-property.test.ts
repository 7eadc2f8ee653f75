import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkins } from '../schema/index.js';
import { streakRulesFor } from '../src/coach/routine.js';
import { defaultPlan } from '../src/plan/default-plan.js';
import type { Db } from '../src/store/db.js';
import type { Store } from '../src/store/index.js';
import { lockMember, refreshStreak } from '../src/store/streaks.js';
import { backends, useStore } from './support/db.js';

// Property: for random check-in histories (random zones incl. DST ones, random order, replays, runs of days,
// pauses, rest days, edits and deletions), the stored streak, freezes and frozen days equal a recomputation by
// an independent, naive oracle; no frozen day has a check-in, and no freeze covers more than one day.
const zones = [
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Asia/Kolkata',
  'America/Havana',
  'UTC',
];
const windowStart = Date.UTC(2026, 2, 1); // March–April 2026 spans the DST changes of every zone above
const windowMs = 50 * 86_400_000;
const dayMs = 86_400_000;

type Event =
  | { kind: 'checkin'; at: number; replayOf: number | null }
  | { kind: 'run'; from: number; days: number; hour: number }
  | { kind: 'pause'; from: number; days: number }
  | { kind: 'rest'; day: number }
  | { kind: 'edit' | 'delete'; pick: number };
type History = { zone: string; events: Event[] };

const event: fc.Arbitrary<Event> = fc.oneof(
  {
    weight: 9,
    arbitrary: fc.record({
      kind: fc.constant('checkin' as const),
      at: fc.integer({ min: 0, max: windowMs }),
      replayOf: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat(40) }),
    }),
  },
  {
    // Days in a row, so freezes are earned (7 required days) and spent.
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('run' as const),
      from: fc.integer({ min: 0, max: 45 }),
      days: fc.integer({ min: 1, max: 10 }),
      hour: fc.integer({ min: 0, max: 23 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('pause' as const),
      from: fc.integer({ min: 0, max: 50 }),
      days: fc.integer({ min: 0, max: 6 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('rest' as const), day: fc.integer({ min: 0, max: 50 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('edit' as const, 'delete' as const), pick: fc.nat(200) }) },
);
const history: fc.Arbitrary<History> = fc.record({
  zone: fc.constantFrom(...zones),
  events: fc.array(event, { minLength: 1, maxLength: 14 }),
});
const rules = streakRulesFor(defaultPlan);

/** The local date by Intl directly: independent of the bot's Temporal-based code. */
function intlDate(ms: number, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    ms,
  );
}
const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Walks every calendar day from the first counted check-in to the last check-in or rest day: paused days skip,
 * check-ins count (a required one toward a freeze, one per 7 in a row, at most 2 held), Saturdays skip, and any
 * other day takes a freeze if one is held, else resets the streak.
 */
function oracle(dates: Set<string>, paused: Set<string>, rest: Set<string>) {
  const counted = [...dates].filter((d) => !paused.has(d)).sort();
  let current = 0,
    best = 0,
    freezes = 0,
    run = 0,
    earned = 0,
    lastDate: string | null = null;
  const frozen: { date: string; kind: 'auto' | 'rest' }[] = [];
  if (counted.length === 0) return { state: { current, best, lastDate, freezes }, frozen, earned };
  const end = [...counted, ...rest].sort().at(-1)!;
  for (let t = Date.parse(`${counted[0]}T00:00:00Z`); utcDate(t) <= end; t += dayMs) {
    const day = utcDate(t);
    const saturday = new Date(t).getUTCDay() === 6;
    if (paused.has(day)) continue;
    if (dates.has(day)) {
      best = Math.max(best, ++current);
      lastDate = day;
      if (!saturday && ++run === 7) {
        run = 0;
        earned += 1;
        freezes = Math.min(2, freezes + 1);
      }
    } else if (!saturday) {
      run = 0;
      if (freezes > 0) {
        freezes -= 1;
        frozen.push({ date: day, kind: rest.has(day) ? 'rest' : 'auto' });
        lastDate = day;
      } else current = 0;
    }
  }
  return { state: { current, best, lastDate, freezes }, frozen, earned };
}

/** What /history's delete and edit do to the streak: change the row, recompute, in one transaction. */
async function changeCheckin(db: Db, memberId: number, id: string, kind: 'edit' | 'delete') {
  await db.transaction(async (tx) => {
    await lockMember(tx, memberId);
    const which = and(eq(checkins.memberId, memberId), eq(checkins.sourceInteractionId, id));
    if (kind === 'delete') await tx.delete(checkins).where(which);
    else await tx.update(checkins).set({ minutes: 45, note: 'edited' }).where(which);
    await refreshStreak(tx, memberId, rules);
  });
}

async function play(store: Store, db: Db, userId: string, h: History) {
  const { member } = await store.members.enroll(
    userId,
    { timeZone: h.zone, nudgeTime: '07:00', planStartDate: '2026-02-01' },
    new Date(windowStart),
  );
  const sent = new Map<string, string>(); // interaction id -> local date
  const paused = new Set<string>();
  const rest = new Set<string>();
  let made = 0;
  let batch: Promise<unknown>[] = [];
  const settle = async () => {
    await Promise.all(batch);
    batch = [];
  };
  const checkin = (id: string, localDate: string) => {
    sent.set(id, localDate);
    // Check-ins between other events run concurrently: the member-row lock must serialize them.
    batch.push(
      store.checkins.record(member.id, { localDate, activity: 'coding', minutes: 30, sourceInteractionId: id }),
    );
  };
  for (const e of h.events) {
    if (e.kind === 'checkin') {
      const earlier = [...sent.keys()];
      // A replay re-sends an earlier interaction as it was: same id, same date.
      const id =
        e.replayOf !== null && earlier.length > 0 ? earlier[e.replayOf % earlier.length]! : `${userId}-${made++}`;
      checkin(id, sent.get(id) ?? intlDate(windowStart + e.at, h.zone));
      continue;
    }
    if (e.kind === 'run') {
      for (let d = 0; d < e.days; d++) {
        checkin(`${userId}-${made++}`, intlDate(windowStart + (e.from + d) * dayMs + e.hour * 3_600_000, h.zone));
      }
      continue;
    }
    await settle();
    if (e.kind === 'pause') {
      await store.members.pause(member.id, utcDate(windowStart + e.from * dayMs));
      await store.members.resume(member.id, utcDate(windowStart + (e.from + e.days) * dayMs));
      for (let d = 0; d < e.days; d++) paused.add(utcDate(windowStart + (e.from + d) * dayMs));
    } else if (e.kind === 'rest') {
      const date = utcDate(windowStart + e.day * dayMs);
      const result = await store.freezes.takeRestDay(member.id, date, new Date(windowStart));
      if (result.status === 'taken') rest.add(date);
    } else {
      const ids = [...sent.keys()];
      if (ids.length === 0) continue;
      const id = ids[e.pick % ids.length]!;
      await changeCheckin(db, member.id, id, e.kind);
      if (e.kind === 'delete') sent.delete(id);
    }
  }
  await settle();
  const dates = new Set(sent.values());
  return { memberId: member.id, expected: oracle(dates, paused, rest), dates, interactions: sent.size };
}

/** Runs `work` over items with at most `limit` in flight. */
async function pool<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: limit }, lane));
  return results;
}

const seed = Number(process.env.PROPERTY_SEED ?? Date.now() % 2 ** 31);
// PROPERTY_RUNS=n runs n histories on each backend (a quick local check); the default is the full run.
const quick = Number(process.env.PROPERTY_RUNS ?? 0);
const runs = { PGlite: quick || 1000, Postgres: quick || 3000 } as const;

describe.each(backends)('streak property on $name', (backend) => {
  const t = useStore(backend);

  it(`for ${runs[backend.name]} random histories the stored streak and freezes equal a recomputation (seed in ` +
    `the name of a failure)`, async () => {
    const histories = fc.sample(history, { numRuns: runs[backend.name], seed });
    const outcomes = await pool(histories, backend.name === 'Postgres' ? 8 : 4, (h, i) =>
      play(t.store, t.database.db, String(200_000_000_000_000_000n + BigInt(i)), h),
    );
    let withFreezes = 0;
    for (const [i, outcome] of outcomes.entries()) {
      const stored = await t.store.checkins.readStreak(outcome.memberId);
      const frozen = await t.store.freezes.frozenDays(outcome.memberId);
      const rows = await t.store.checkins.listForMember(outcome.memberId);
      const context = `seed ${seed}, history ${i}: ${JSON.stringify(histories[i])}`;
      expect(stored, context).toEqual(outcome.expected.state);
      expect(frozen, context).toEqual(outcome.expected.frozen);
      expect(rows.length, context).toBe(outcome.interactions);
      // A frozen day never adds to the count: it has no check-in. One freeze never covers two days.
      expect(
        frozen.filter((f) => outcome.dates.has(f.date)),
        context,
      ).toEqual([]);
      expect(frozen.length, context).toBeLessThanOrEqual(outcome.expected.earned);
      if (frozen.length > 0) withFreezes += 1;
    }
    // The histories must exercise freezes, or the property says little about them.
    expect(withFreezes).toBeGreaterThan(runs[backend.name] / 20);
  }, 600_000);
});
