import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries } from '../schema/index.js';
import type { Context } from '../src/context.js';
import { composeWeeklySummary } from '../src/discord/weekly-summary.js';
import { createScheduler } from '../src/scheduler/scheduler.js';
import { type Database, openPostgres } from '../src/store/db.js';
import type { FakeDiscord } from './fake-discord/index.js';
import { createThrowawayDatabase } from './support/db.js';
import {
  contextFor,
  expectOneNudgeEach,
  pendingAt,
  type RaceWorld,
  restSender,
  seedBusyGroup,
  seedDueMembers,
  startDoomedScheduler,
  startRaceWorld,
  tickUntilDone,
} from './support/race.js';

// Three schedulers, each with its own Postgres pool and discord.js REST client, race for the same
// rows. Some are real processes killed with SIGKILL right after Discord accepted a message and before
// they recorded it. Discord forgets a nonce here after 500 ms, well inside the 2 s lease, so only the
// bot's own look at the channel can stop a second message.
const nonceWindowMs = 500;
const leaseMs = 2_000;

let fake: FakeDiscord;
let throwaway: Awaited<ReturnType<typeof createThrowawayDatabase>>;
const databases: Database[] = [];
let world: RaceWorld;

beforeAll(async () => {
  world = await startRaceWorld(nonceWindowMs);
  fake = world.fake;
  throwaway = await createThrowawayDatabase();
  for (let i = 0; i < 3; i += 1) databases.push(await openPostgres(throwaway.url, { max: 4 }));
}, 60_000);
afterAll(async () => {
  for (const database of databases) await database.close();
  await throwaway.drop();
  await fake.close();
});

describe('three schedulers on one Postgres, with a nonce window shorter than the lease', () => {
  it('deliver exactly one nudge to each of 5,000 members though two of them are killed mid-burst', async () => {
    const guild = fake.addGuild();
    const [first, second] = databases.map((db) => contextFor(world, db)) as [Context, Context];
    const { dueAt, users } = await seedDueMembers(world, first, guild.id, 5_000);
    world.setOffsetMs(dueAt.getTime() - Date.now() + 1_000); // the minute has come
    const killed = await Promise.all([300, 900].map((n) => startDoomedScheduler(world, throwaway.url, n, leaseMs)));
    expect(killed).toEqual(['SIGKILL', 'SIGKILL']); // each died right after Discord accepted a message

    const survivors = [first, second].map((ctx) => createScheduler(ctx, restSender(fake), { leaseMs }));
    await tickUntilDone(first, survivors, dueAt);

    expect(await pendingAt(first, dueAt)).toBe(0);
    await expectOneNudgeEach(world, first, users, dueAt);
    const next = await first.db.select({ n: count() }).from(deliveries).where(eq(deliveries.status, 'pending'));
    expect(next[0]?.n).toBe(users.length); // everyone has tomorrow's nudge planned
    expect(fake.stats.schemaViolations).toEqual([]);
  }, 180_000);

  it("post a group's weekly summary exactly once when all three claim it at the same moment", async () => {
    const guild = fake.addGuild({ name: 'Racing group' });
    const contexts = databases.map((db) => contextFor(world, db));
    const [first] = contexts as [Context];
    world.setOffsetMs(Date.parse('2026-06-07T10:00:00Z') - Date.now()); // Sunday morning
    const setup = { summaryChannelId: guild.general.id, timeZone: 'UTC', summaryTime: '12:00' };
    const group = await first.store.groups.configure(guild.id, 'Racing group', setup, world.clock());
    await seedBusyGroup(first, group, 310_000_000_000_000_000n);
    world.setOffsetMs(Date.parse('2026-06-07T12:00:30Z') - Date.now());
    const expected = (await composeWeeklySummary(first, group, '2026-06-01', world.clock())).messages.length;
    const schedulers = contexts.map((ctx) => createScheduler(ctx, restSender(fake), { leaseMs: 60_000 }));
    await Promise.all(schedulers.map((s) => s.tick()));
    const posted = fake.messages(guild.general.id);
    expect(expected).toBeGreaterThan(1);
    expect(posted).toHaveLength(expected);
    expect(new Set(posted.map((m) => m.embeds[0]?.title)).size).toBe(expected);
    const rows = await first.db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.kind, 'summary'), eq(deliveries.subjectId, group.id)));
    expect(rows.map((r) => `${r.localDate} ${r.status}`).sort()).toEqual(['2026-06-01 sent', '2026-06-08 pending']);
  }, 120_000);

  it('complete a weekly summary whose first poster was killed after its first part, each part once', async () => {
    const guild = fake.addGuild({ name: 'Crashing group' });
    const [first] = databases.map((db) => contextFor(world, db)) as [Context];
    world.setOffsetMs(Date.parse('2026-06-07T10:00:00Z') - Date.now());
    const setup = { summaryChannelId: guild.general.id, timeZone: 'UTC', summaryTime: '12:00' };
    const group = await first.store.groups.configure(guild.id, 'Crashing group', setup, world.clock());
    await seedBusyGroup(first, group, 320_000_000_000_000_000n);
    world.setOffsetMs(Date.parse('2026-06-07T12:00:30Z') - Date.now());
    const expected = (await composeWeeklySummary(first, group, '2026-06-01', world.clock())).messages.length;

    expect(await startDoomedScheduler(world, throwaway.url, 1, leaseMs)).toBe('SIGKILL');
    expect(fake.messages(guild.general.id)).toHaveLength(1);
    const dueAt = new Date('2026-06-07T12:00:00Z');
    await tickUntilDone(first, [createScheduler(first, restSender(fake), { leaseMs })], dueAt);

    const posted = fake.messages(guild.general.id);
    expect(posted).toHaveLength(expected);
    expect(new Set(posted.map((m) => m.embeds[0]?.title)).size).toBe(expected);
    const [row] = await first.db
      .select()
      .from(deliveries)
      .where(
        and(eq(deliveries.kind, 'summary'), eq(deliveries.localDate, '2026-06-01'), eq(deliveries.subjectId, group.id)),
      );
    expect(row?.status).toBe('sent');
    expect(row?.messageId).toBe(posted[0]?.id);
  }, 120_000);
});
