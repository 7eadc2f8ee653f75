import { REST } from 'discord.js';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkins, deliveries, groupMembers, members } from '../schema/index.js';
import { localTimeOf } from '../src/coach/time.js';
import type { Context } from '../src/context.js';
import { createRestSender, type Sender } from '../src/discord/sender.js';
import { composeWeeklySummary } from '../src/discord/weekly-summary.js';
import { createLogger } from '../src/log.js';
import { defaultPlan } from '../src/plan/default-plan.js';
import { createScheduler, type Scheduler } from '../src/scheduler/scheduler.js';
import { type Database, openPostgres } from '../src/store/db.js';
import { createStore } from '../src/store/index.js';
import { type FakeDiscord, startFakeDiscord } from './fake-discord/index.js';
import { testConfig } from './support/bot.js';
import { createThrowawayDatabase } from './support/db.js';

// Three schedulers ("processes"), each with its own Postgres pool and its own discord.js REST
// client, race for 5,000 nudges due in the same minute; one of them dies mid-burst after
// Discord received some of its messages but before it recorded them.
const memberCount = 5_000;
const zones = [
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/Havana',
  'Asia/Kolkata',
];

let fake: FakeDiscord;
let throwaway: Awaited<ReturnType<typeof createThrowawayDatabase>>;
const databases: Database[] = [];
let offsetMs = 0;
const clock = () => new Date(Date.now() + offsetMs);

beforeAll(async () => {
  fake = await startFakeDiscord({
    globalLimitPerSecond: 20_000,
    routeLimits: { 'POST /users/@me/channels': { limit: 100_000, windowMs: 1_000 } },
  });
  throwaway = await createThrowawayDatabase();
  for (let i = 0; i < 3; i += 1) databases.push(await openPostgres(throwaway.url, { max: 4 }));
}, 60_000);
afterAll(async () => {
  for (const database of databases) await database.close();
  await throwaway.drop();
  await fake.close();
});

function contextFor(database: Database): Context {
  const log = createLogger({ level: process.env.TEST_LOG ?? 'silent' });
  return {
    config: testConfig(fake),
    db: database.db,
    store: createStore({ db: database.db, plan: defaultPlan }),
    plan: defaultPlan,
    log,
    clock,
  };
}

function restSender(): Sender {
  return createRestSender(new REST({ api: fake.apiBase, globalRequestsPerSecond: 20_000 }).setToken(fake.token));
}

/** Sends for real, but after `healthy` sends it dies: messages reach Discord and are never recorded. */
function dyingSender(real: Sender, healthy: number, died: { count: number }): Sender {
  let sends = 0;
  return {
    openDm: real.openDm,
    send: async (channelId, body) => {
      const message = await real.send(channelId, body);
      sends += 1;
      if (sends <= healthy) return message;
      died.count += 1;
      return new Promise(() => {}); // the process is gone
    },
  };
}

describe('three schedulers on one Postgres', () => {
  it('deliver exactly one nudge to each of 5,000 members due in the same minute, even when one dies ' +
    'mid-burst', async () => {
    const guild = fake.addGuild();
    const base = Date.now();
    const dueAt = new Date(Math.ceil((base + 60_000) / 60_000) * 60_000); // the next full minute
    const rows = Array.from({ length: memberCount }, (_, i) => {
      const user = fake.addUser();
      fake.addMember(guild.id, user.id);
      const timeZone = zones[i % zones.length]!;
      return { discordUserId: user.id, timeZone, nudgeTime: localTimeOf(dueAt, timeZone), planStartDate: '2026-01-01' };
    });
    const [first, second, third] = databases.map(contextFor) as [Context, Context, Context];
    for (let i = 0; i < rows.length; i += 1_000) await first.db.insert(members).values(rows.slice(i, i + 1_000));
    expect(await first.store.nudgePlans.planMissingNudges(new Date(base))).toBe(memberCount);

    offsetMs = dueAt.getTime() - Date.now() + 1_000; // the minute has come
    const died = { count: 0 };
    const options = { batchSize: 50, leaseMs: 2_000 };
    const dying = createScheduler(first, dyingSender(restSender(), 400, died), options);
    const survivors: Scheduler[] = [
      createScheduler(second, restSender(), options),
      createScheduler(third, restSender(), options),
    ];
    void dying.tick(); // never finishes: it hangs on its last batch, holding the leases
    const pending = async () =>
      (
        await first.db
          .select({ n: count() })
          .from(deliveries)
          .where(and(eq(deliveries.status, 'pending'), eq(deliveries.dueAt, dueAt)))
      )[0]!.n;
    for (let round = 0; round < 60 && (await pending()) > 0; round += 1) {
      await Promise.all(survivors.map((s) => s.tick()));
      await new Promise((resolve) => setTimeout(resolve, 500));
    }

    expect(await pending()).toBe(0);
    expect(died.count).toBeGreaterThan(0); // the crash path was exercised
    const perChannel = new Map<string, number>();
    for (const message of fake.messages())
      perChannel.set(message.channel_id, (perChannel.get(message.channel_id) ?? 0) + 1);
    expect(perChannel.size).toBe(memberCount);
    expect([...perChannel.values()].every((n) => n === 1)).toBe(true);
    const sent = await first.db
      .select({ n: count() })
      .from(deliveries)
      .where(and(eq(deliveries.status, 'sent'), eq(deliveries.dueAt, dueAt)));
    expect(sent[0]!.n).toBe(memberCount);
    const next = await first.db.select({ n: count() }).from(deliveries).where(eq(deliveries.status, 'pending'));
    expect(next[0]!.n).toBe(memberCount); // everyone has tomorrow's nudge planned
    expect(fake.stats.schemaViolations).toEqual([]);
  }, 180_000);

  it("post a group's weekly summary exactly once when all three claim it at the same moment", async () => {
    const guild = fake.addGuild({ name: 'Racing group' });
    const [first, second, third] = databases.map(contextFor) as [Context, Context, Context];
    offsetMs = Date.parse('2026-06-07T10:00:00Z') - Date.now(); // Sunday morning
    const group = await first.store.groups.configure(
      guild.id,
      'Racing group',
      { summaryChannelId: guild.general.id, timeZone: 'UTC', summaryTime: '12:00' },
      clock(),
    );
    const people = await first.db
      .insert(members)
      .values(
        Array.from({ length: 300 }, (_, i) => ({
          discordUserId: String(310_000_000_000_000_000n + BigInt(i)),
          displayName: `racer-${i}`,
          timeZone: 'UTC',
          nudgeTime: '23:59',
          planStartDate: '2026-06-01',
        })),
      )
      .returning();
    await first.db.insert(groupMembers).values(people.map((m) => ({ groupId: group.id, memberId: m.id })));
    await first.db.insert(checkins).values(
      people.map((m) => ({
        memberId: m.id,
        localDate: '2026-06-02',
        activity: 'writing' as const,
        minutes: 60,
        link: `https://example.com/post/${m.id}`,
        sourceInteractionId: `race-${m.id}`,
      })),
    );
    offsetMs = Date.parse('2026-06-07T12:00:30Z') - Date.now();
    const expected = (await composeWeeklySummary(first, group, '2026-06-01', clock())).messages.length;
    const schedulers = [first, second, third].map((ctx) => createScheduler(ctx, restSender(), { leaseMs: 60_000 }));
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
});
