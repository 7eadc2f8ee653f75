import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { frozenDays, members } from '../schema/index.js';
import { streakRulesFor } from '../src/coach/routine.js';
import { defaultPlan } from '../src/plan/default-plan.js';
import type { Db } from '../src/store/db.js';
import type { Store } from '../src/store/index.js';
import { recomputeOutdatedStreaks, streakRulesVersion } from '../src/store/streaks.js';
import { startTestBot, type TestBot } from './support/bot.js';
import { backends, useStore } from './support/db.js';

// A member enrolled before freezes existed (migration 0007) carries a streak computed without them. After the
// upgrade the bot recomputes it from the history once, so the nudge, /streak and the stored row agree again.
const rules = streakRulesFor(defaultPlan);
let nextUser = 310_000_000_000_000_000n;
let nextInteraction = 810_000_000_000_000_000n;

/**
 * Mon 1 June to Tue 9 June 2026 done but Wednesday 10 June missed, then Thursday 11 June done: under the
 * current rules the 7 required days earn a freeze that covers Wednesday (streak 10, no freeze left); before
 * freezes the miss reset it (streak 1, best 9). The row is left as the old code stored it.
 */
async function memberFromBeforeFreezes(store: Store, db: Db): Promise<number> {
  const { member } = await store.members.enroll(
    String(++nextUser),
    { timeZone: 'UTC', nudgeTime: '07:00', planStartDate: '2026-06-01' },
    new Date('2026-06-01T06:00:00Z'),
  );
  const days = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '11'].map((d) => `2026-06-${d}`);
  for (const localDate of days)
    await store.checkins.record(member.id, {
      localDate,
      activity: 'coding',
      minutes: 30,
      sourceInteractionId: String(++nextInteraction),
    });
  expect(await store.checkins.readStreak(member.id)).toEqual({
    current: 10,
    best: 10,
    lastDate: '2026-06-11',
    freezes: 0,
  });
  await db.delete(frozenDays).where(eq(frozenDays.memberId, member.id));
  await db
    .update(members)
    .set({ streakCurrent: 1, streakBest: 9, streakLastDate: '2026-06-11', freezesHeld: 0, streakRules: 0 })
    .where(eq(members.id, member.id));
  return member.id;
}

describe.each(backends)('streaks stored before freezes, on $name', (backend) => {
  const t = useStore(backend);

  it('are recomputed under the current rules once, with the day the freeze covered', async () => {
    const old = await memberFromBeforeFreezes(t.store, t.database.db);
    const current = (
      await t.store.members.enroll(
        String(++nextUser),
        { timeZone: 'UTC', nudgeTime: '07:00', planStartDate: '2026-06-01' },
        new Date('2026-06-01T06:00:00Z'),
      )
    ).member;
    expect(current.streakRules).toBe(streakRulesVersion); // a new member starts under the current rules

    expect(await recomputeOutdatedStreaks(t.database.db, rules)).toBe(1);
    expect(await t.store.checkins.readStreak(old)).toEqual({
      current: 10,
      best: 10,
      lastDate: '2026-06-11',
      freezes: 0,
    });
    expect(await t.store.freezes.frozenDays(old)).toEqual([{ date: '2026-06-10', kind: 'auto' }]);
    expect(await recomputeOutdatedStreaks(t.database.db, rules)).toBe(0); // nothing left: a restart does nothing
  });

  it('leave what they have not reached for the next start when the bot stops', async () => {
    const ids = [
      await memberFromBeforeFreezes(t.store, t.database.db),
      await memberFromBeforeFreezes(t.store, t.database.db),
    ];
    expect(await recomputeOutdatedStreaks(t.database.db, rules, { stopped: () => true })).toBe(0);
    for (const id of ids) expect((await t.store.checkins.readStreak(id)).current).toBe(1); // as stored
    expect(await recomputeOutdatedStreaks(t.database.db, rules)).toBe(2);
    for (const id of ids) expect((await t.store.checkins.readStreak(id)).current).toBe(10);
  });
});

describe('the bot after an upgrade', () => {
  let first: TestBot | undefined;
  let second: TestBot | undefined;
  afterAll(async () => {
    await second?.stop();
    await first?.close();
  });

  it('recomputes the old streaks in the background at start', async () => {
    first = await startTestBot({ backend: 'Postgres' });
    const old = await memberFromBeforeFreezes(first.ctx.store, first.ctx.db);
    await first.stop();
    second = await startTestBot({
      backend: 'Postgres',
      reuse: { fake: first.fake, guild: first.guild, database: first.database },
    });
    const bot = second;
    await expect.poll(async () => (await bot.ctx.store.checkins.readStreak(old)).current, { timeout: 10_000 }).toBe(10);
    const [outdated] = await bot.ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(members)
      .where(sql`${members.streakRules} < ${streakRulesVersion}`);
    expect(outdated?.n).toBe(0);
    expect(bot.problems()).toEqual([]);
  });
});
