import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openPostgres } from '../src/store/db.js';
import { type FakeDiscord, type FakeGuild, startFakeDiscord } from './fake-discord/index.js';
import { burstRows, nudgesPerUser, seedDueNudges, waitUntil } from './support/burst.js';
import { createThrowawayDatabase } from './support/db.js';
import { startEntry } from './support/entry.js';

/** The scheduler's 'deliveries tick' log records (JSON lines) in a process's output. */
const ticks = (output: string) =>
  output
    .split('\n')
    .filter((line) => line.includes('"deliveries tick"'))
    .map((line) => JSON.parse(line) as { outcomes: Record<string, number> });

// `npm start` (the real entry point) on Postgres against the fake Discord at 50 requests/s, stopped
// with SIGTERM (docker stop, a rolling upgrade) in the middle of a burst of nudges.
let fake: FakeDiscord;
let guild: FakeGuild;
let throwaway: Awaited<ReturnType<typeof createThrowawayDatabase>>;
let database: Database;

beforeAll(async () => {
  fake = await startFakeDiscord();
  guild = fake.addGuild();
  throwaway = await createThrowawayDatabase();
  database = await openPostgres(throwaway.url, { max: 2 }); // migrates
}, 60_000);
afterAll(async () => {
  await database.close();
  await throwaway.drop();
  await fake.close();
});

describe('SIGTERM during a burst of nudges', () => {
  it('exits 0 within 15 s, leaves no row leased, and a second process sends the rest at once, each once', async () => {
    const { users, dueAt } = await seedDueNudges(fake, database, guild.id, 400);
    const env = {
      DISCORD_TOKEN: fake.token,
      DISCORD_APP_ID: fake.applicationId,
      DISCORD_API_BASE: fake.apiBase,
      DATABASE_URL: throwaway.url,
    };
    const first = startEntry(env);
    await waitUntil(() => fake.messages().length >= 100, 45_000, 'the first 100 nudges');
    const sentBefore = fake.messages().length;
    const termAt = Date.now();
    first.kill('SIGTERM');
    const { code } = await first.exited;
    expect(code, first.output()).toBe(0);
    expect(Date.now() - termAt).toBeLessThan(15_000);
    // It stopped claiming at once: only the requests already handed to Discord (one second's worth) went out.
    expect(fake.messages().length - sentBefore).toBeLessThanOrEqual(50);
    const left = await burstRows(database, dueAt);
    expect(left.leased).toBe(0); // every claimed row it did not send was released, none waits for its lease
    expect(left.pending).toBeGreaterThan(100);
    expect(left.sent + left.pending).toBe(users.length);
    // Whether any claimed row was still unsent at the signal (and so released, logged as "released unsent
    // deliveries") depends on timing; the two checks above and the second process's first tick below are
    // what must hold either way.

    const second = startEntry(env);
    await waitUntil(async () => (await burstRows(database, dueAt)).pending === 0, 60_000, 'the rest of the burst');
    // All in its first tick, the one it runs at start: a row still leased would not have been claimable
    // then, and would have waited for a later tick after its lease ran out (30 s).
    await waitUntil(() => ticks(second.output()).length > 0, 10_000, "the second process's tick record");
    expect(ticks(second.output())[0]?.outcomes).toEqual({ sent: left.pending });
    expect(nudgesPerUser(fake, users).filter((n) => n !== 1)).toEqual([]);
    expect((await burstRows(database, dueAt)).sent).toBe(users.length);
    expect(fake.stats.schemaViolations).toEqual([]);
    second.kill('SIGTERM');
    expect((await second.exited).code, second.output()).toBe(0);
  }, 120_000);
});
