import { spawn } from 'node:child_process';
import { REST } from 'discord.js';
import { and, count, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { checkins, deliveries, groupMembers, members, type StudyGroup } from '../../schema/index.js';
import { localTimeOf } from '../../src/coach/time.js';
import type { Context } from '../../src/context.js';
import { createRestSender, type Sender } from '../../src/discord/sender.js';
import { createLogger } from '../../src/log.js';
import { defaultPlan } from '../../src/plan/default-plan.js';
import type { Scheduler } from '../../src/scheduler/scheduler.js';
import type { Database } from '../../src/store/db.js';
import { createStore } from '../../src/store/index.js';
import { type FakeDiscord, startFakeDiscord } from '../fake-discord/index.js';
import { testConfig } from './bot.js';

// Helpers for the delivery race and outage tests: schedulers as separate "processes" (their own pool
// and REST client), real processes that are killed, and the checks that nothing went out twice.
const zones = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Kolkata'];

export type RaceWorld = {
  fake: FakeDiscord;
  /** The schedulers' clock: the wall clock moved by `setOffsetMs`. */
  clock: () => Date;
  offsetMs: () => number;
  setOffsetMs: (ms: number) => void;
};

/** A fake Discord fast enough for races, forgetting nonces after `nonceWindowMs`, and a clock to move. */
export async function startRaceWorld(nonceWindowMs: number): Promise<RaceWorld> {
  const fake = await startFakeDiscord({
    globalLimitPerSecond: 20_000,
    nonceWindowMs,
    routeLimits: { 'POST /users/@me/channels': { limit: 100_000, windowMs: 1_000 } },
  });
  let offsetMs = 0;
  return {
    fake,
    clock: () => new Date(Date.now() + offsetMs),
    offsetMs: () => offsetMs,
    setOffsetMs: (ms) => {
      offsetMs = ms;
    },
  };
}

export function restSender(fake: FakeDiscord): Sender {
  return createRestSender(new REST({ api: fake.apiBase, globalRequestsPerSecond: 20_000 }).setToken(fake.token));
}

export function contextFor(world: RaceWorld, database: Database): Context {
  return {
    config: testConfig(world.fake),
    db: database.db,
    store: createStore({ db: database.db, plan: defaultPlan }),
    plan: defaultPlan,
    log: createLogger({ level: process.env.TEST_LOG ?? 'silent' }),
    sender: restSender(world.fake),
    clock: world.clock,
  };
}

/** A scheduler in its own process that SIGKILLs itself once Discord accepted its `dieAfter`-th message. */
export function startDoomedScheduler(world: RaceWorld, databaseUrl: string, dieAfter: number, leaseMs: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/scheduler-worker.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: databaseUrl,
      DISCORD_API_BASE: world.fake.apiBase,
      DISCORD_TOKEN: world.fake.token,
      DISCORD_APP_ID: world.fake.applicationId,
      CLOCK_OFFSET_MS: String(world.offsetMs()),
      DIE_AFTER_SENDS: String(dieAfter),
      LEASE_MS: String(leaseMs),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
}

export const pendingAt = async (ctx: Context, dueAt: Date): Promise<number> =>
  (
    await ctx.db
      .select({ n: count() })
      .from(deliveries)
      .where(and(eq(deliveries.status, 'pending'), eq(deliveries.dueAt, dueAt)))
  )[0]?.n ?? -1;

/** Ticks until nothing due at `dueAt` is pending; a tick that fails (a database outage) is tried again. */
export async function tickUntilDone(ctx: Context, schedulers: Scheduler[], dueAt: Date, rounds = 120): Promise<void> {
  for (let round = 0; round < rounds && (await pendingAt(ctx, dueAt).catch(() => -1)) !== 0; round += 1) {
    await Promise.all(schedulers.map((s) => s.tick().catch(() => undefined)));
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** `count` members of `guildId` whose nudge is due at the next full minute, planned. */
export async function seedDueMembers(world: RaceWorld, ctx: Context, guildId: string, count: number) {
  const base = world.clock().getTime();
  const dueAt = new Date(Math.ceil((base + 60_000) / 60_000) * 60_000);
  const rows = Array.from({ length: count }, (_, i) => {
    const user = world.fake.addUser();
    world.fake.addMember(guildId, user.id);
    const timeZone = zones[i % zones.length] ?? 'UTC';
    return { discordUserId: user.id, timeZone, nudgeTime: localTimeOf(dueAt, timeZone), planStartDate: '2026-01-01' };
  });
  for (let i = 0; i < rows.length; i += 1_000) await ctx.db.insert(members).values(rows.slice(i, i + 1_000));
  expect(await ctx.store.nudgePlans.planMissingNudges(new Date(base))).toBe(count);
  return { dueAt, users: rows.map((r) => r.discordUserId) };
}

/** Each user got exactly one DM, and every row due at `dueAt` is recorded as sent. */
export async function expectOneNudgeEach(world: RaceWorld, ctx: Context, users: string[], dueAt: Date) {
  const perUser = users.map((userId) => world.fake.messages(world.fake.dmChannelOf(userId) ?? 'none').length);
  expect(perUser.filter((n) => n !== 1)).toEqual([]);
  const sent = await ctx.db
    .select({ n: count() })
    .from(deliveries)
    .where(and(eq(deliveries.status, 'sent'), eq(deliveries.dueAt, dueAt)));
  expect(sent[0]?.n).toBe(users.length);
}

/** 300 members of `group` who each posted once in the week of 1 June 2026: a summary of several messages. */
export async function seedBusyGroup(ctx: Context, group: StudyGroup, firstUserId: bigint): Promise<void> {
  const people = await ctx.db
    .insert(members)
    .values(
      Array.from({ length: 300 }, (_, i) => ({
        discordUserId: String(firstUserId + BigInt(i)),
        displayName: `racer-${i}`,
        timeZone: 'UTC',
        nudgeTime: '23:59',
        planStartDate: '2026-06-01',
      })),
    )
    .returning();
  await ctx.db.insert(groupMembers).values(people.map((m) => ({ groupId: group.id, memberId: m.id })));
  await ctx.db.insert(checkins).values(
    people.map((m) => ({
      memberId: m.id,
      localDate: '2026-06-02',
      activity: 'writing' as const,
      minutes: 60,
      link: `https://example.com/post/${m.id}`,
      sourceInteractionId: `race-${m.id}`,
    })),
  );
}
