import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Store } from '../src/store/index.js';
import { backends, useStore } from './support/db.js';

// Property: for random check-in histories (random zones incl. DST ones, random order,
// replays, pauses), the stored streak equals a recomputation by an independent, naive oracle.
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

type Event = { kind: 'checkin'; at: number; replayOf: number | null } | { kind: 'pause'; from: number; days: number };
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
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('pause' as const),
      from: fc.integer({ min: 0, max: 50 }),
      days: fc.integer({ min: 0, max: 6 }),
    }),
  },
);
const history: fc.Arbitrary<History> = fc.record({
  zone: fc.constantFrom(...zones),
  events: fc.array(event, { minLength: 1, maxLength: 14 }),
});

/** The local date by Intl directly: independent of the bot's Temporal-based code. */
function intlDate(ms: number, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    ms,
  );
}
const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Walks every calendar day: paused days skip, check-ins count, Saturdays skip, anything else resets. */
function oracle(dates: Set<string>, paused: Set<string>) {
  const counted = [...dates].filter((d) => !paused.has(d)).sort();
  let current = 0,
    best = 0;
  if (counted.length === 0) return { current, best, lastDate: null };
  for (let t = Date.parse(`${counted[0]}T00:00:00Z`); utcDate(t) <= counted.at(-1)!; t += dayMs) {
    const day = utcDate(t);
    if (paused.has(day)) continue;
    if (dates.has(day)) best = Math.max(best, ++current);
    else if (new Date(t).getUTCDay() !== 6) current = 0;
  }
  return { current, best, lastDate: counted.at(-1)! };
}

async function play(store: Store, userId: string, h: History) {
  const { member } = await store.members.enroll(
    userId,
    { timeZone: h.zone, nudgeTime: '07:00', planStartDate: '2026-02-01' },
    new Date(windowStart),
  );
  const sent = new Map<string, string>(); // interaction id -> local date
  const paused = new Set<string>();
  let batch: Promise<unknown>[] = [];
  for (const e of h.events) {
    if (e.kind === 'pause') {
      await Promise.all(batch);
      batch = [];
      await store.members.pause(member.id, utcDate(windowStart + e.from * dayMs));
      await store.members.resume(member.id, utcDate(windowStart + (e.from + e.days) * dayMs));
      for (let d = 0; d < e.days; d++) paused.add(utcDate(windowStart + (e.from + d) * dayMs));
      continue;
    }
    const earlier = [...sent.keys()];
    // A replay re-sends an earlier interaction as it was: same id, same date.
    const id =
      e.replayOf !== null && earlier.length > 0 ? earlier[e.replayOf % earlier.length]! : `${userId}-${sent.size}`;
    const localDate = sent.get(id) ?? intlDate(windowStart + e.at, h.zone);
    sent.set(id, localDate);
    // Check-ins between pauses run concurrently: the member-row lock must serialize them.
    batch.push(
      store.checkins.record(member.id, { localDate, activity: 'coding', minutes: 30, sourceInteractionId: id }),
    );
  }
  await Promise.all(batch);
  return { memberId: member.id, expected: oracle(new Set(sent.values()), paused), interactions: sent.size };
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
const runs = { PGlite: 1000, Postgres: 2000 } as const;

describe.each(backends)('streak property on $name', (backend) => {
  const t = useStore(backend);

  it(`for ${runs[backend.name]} random histories the stored streak equals a recomputation (seed in the name of a ` +
    `failure)`, async () => {
    const histories = fc.sample(history, { numRuns: runs[backend.name], seed });
    const outcomes = await pool(histories, backend.name === 'Postgres' ? 8 : 4, (h, i) =>
      play(t.store, String(200_000_000_000_000_000n + BigInt(i)), h),
    );
    for (const [i, outcome] of outcomes.entries()) {
      const stored = await t.store.checkins.readStreak(outcome.memberId);
      const rows = await t.store.checkins.listForMember(outcome.memberId);
      const context = `seed ${seed}, history ${i}: ${JSON.stringify(histories[i])}`;
      expect(stored, context).toEqual(outcome.expected);
      expect(rows.length, context).toBe(outcome.interactions);
    }
  }, 240_000);
});
