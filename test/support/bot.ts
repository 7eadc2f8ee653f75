import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { commands } from '../../commands/index.js';
import { members } from '../../schema/index.js';
import { type App, startApp } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import type { Context } from '../../src/context.js';
import { deployCommands } from '../../src/discord/deploy.js';
import { createDeliverySender } from '../../src/discord/rest.js';
import { createLogger } from '../../src/log.js';
import { defaultPlan } from '../../src/plan/default-plan.js';
import { createStore } from '../../src/store/index.js';
import { type FakeDiscord, type FakeDiscordOptions, type FakeGuild, startFakeDiscord } from '../fake-discord/index.js';
import { backends, type TestDatabase } from './db.js';

export type TestClock = { now: () => Date; set: (iso: string) => void; advance: (ms: number) => void };

/** A clock that stands still until a test moves it, or with `running` one that also moves with real time. */
export function createTestClock(iso: string, running = false): TestClock {
  let ms = Date.parse(iso);
  const started = Date.now();
  return {
    now: () => new Date(running ? ms + Date.now() - started : ms),
    set: (next) => {
      ms = Date.parse(next);
    },
    advance: (delta) => {
      ms += delta;
    },
  };
}

export function testConfig(fake: FakeDiscord, overrides: Record<string, string> = {}): Config {
  const loaded = loadConfig({
    DISCORD_TOKEN: fake.token,
    DISCORD_APP_ID: fake.applicationId,
    DISCORD_API_BASE: fake.apiBase,
    ...overrides,
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  return loaded.config;
}

export type TestBot = {
  fake: FakeDiscord;
  guild: FakeGuild;
  ctx: Context;
  app: App;
  database: TestDatabase;
  clock: TestClock;
  logs: Array<{ level: number; msg: string; [key: string]: unknown }>;
  /** What went wrong behind the scenes: logged errors, client errors, rejections, schema violations. */
  problems: () => string[];
  /** A Discord user who is a member of the study group's server. */
  addUser: (options?: { dmsClosed?: boolean }) => string;
  /** Stops the bot only (a "crash" or restart); the fake and the database stay. */
  stop: () => Promise<void>;
  /** Stops the bot; the fake and the database go too unless they were reused. */
  close: () => Promise<void>;
};

/**
 * The real bot (discord.js client, router, scheduler) against the fake Discord and a real
 * database. The ticker is off: tests call `app.scheduler.tick()` with the test clock.
 */
export type TestBotOptions = {
  backend?: 'PGlite' | 'Postgres';
  fake?: FakeDiscordOptions;
  clock?: string;
  /** The clock runs in real time from `clock`, or from now without one (the benchmark); otherwise it stands still. */
  runningClock?: boolean;
  env?: Record<string, string>;
  /** Restart a bot on what an earlier one left: the same fake Discord, guild and database. */
  reuse?: { fake: FakeDiscord; guild: FakeGuild; database: TestDatabase };
};

export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const fake = options.reuse?.fake ?? (await startFakeDiscord(options.fake));
  const guild = options.reuse?.guild ?? fake.addGuild({ name: 'Study group' });
  const backend = backends.find((b) => b.name === (options.backend ?? 'PGlite'))!;
  const database = options.reuse?.database ?? (await backend.open());
  const clock = createTestClock(
    options.clock ?? (options.runningClock ? new Date().toISOString() : '2026-06-01T10:00:00Z'),
    options.runningClock,
  );
  const config = testConfig(fake, options.env);
  if (!options.reuse)
    await deployCommands({
      token: config.discordToken,
      appId: config.discordAppId,
      apiBase: config.discordApiBase,
      commands,
    });
  // Everything at warn and above is kept: a test fails on any error the bot logged, on a
  // discord.js client 'error' (rejected listeners land there) and on an unhandled rejection.
  const logs: Array<{ level: number; msg: string; [key: string]: unknown }> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logs.push(JSON.parse(String(chunk)));
      if (process.env.TEST_LOG) process.stderr.write(chunk);
      done();
    },
  });
  const log = createLogger({ level: process.env.TEST_LOG ?? 'warn', destination });
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  process.on('unhandledRejection', onRejection);
  const ctx: Context = {
    config,
    db: database.db,
    store: createStore({ db: database.db, plan: defaultPlan }),
    plan: defaultPlan,
    log,
    sender: createDeliverySender(config),
    clock: clock.now,
  };
  const app = await startApp(ctx, { ticker: false, scheduler: { leaseMs: 5_000 } });
  app.bot.client.on('error', (error) => rejections.push(error));
  return {
    fake,
    guild,
    ctx,
    app,
    database,
    clock,
    logs,
    problems: () => [
      ...logs
        .filter((record) => record.level >= 50)
        .map((record) => `logged error: ${record.msg} ${JSON.stringify(record.err ?? '')}`),
      ...rejections.map((reason) => `unhandled: ${String(reason)}`),
      ...fake.stats.schemaViolations.map((v) => `schema violation on ${v.route}: ${v.error}`),
      ...fake.stats.unknownRoutes.map((route) => `unknown route ${JSON.stringify(route)}`),
    ],
    addUser: ({ dmsClosed = false } = {}) => {
      const user = fake.addUser();
      fake.addMember(guild.id, user.id);
      if (dmsClosed) fake.setDmsClosed(user.id, true);
      return user.id;
    },
    stop: () => app.stop(),
    close: async () => {
      process.off('unhandledRejection', onRejection);
      await app.stop(); // the client goes before the fake
      if (options.reuse) return;
      await fake.close();
      await database.close();
    },
  };
}

/**
 * One test bot for a whole test file: started before its first test (at `clock`, with room for the many DM
 * channels that /start opens: the fake's default limit for that route, 10 per 10 s, is a guess, since Discord
 * does not publish it, and would make a file wait on it), closed after its last, and every test fails on
 * anything that went wrong behind the scenes. The bot is reached through the returned object as soon as the
 * file's tests run (it forwards to the bot started before them).
 */
export function useTestBot(clock: string, setUp?: (bot: TestBot) => void | Promise<void>): TestBot {
  let started: TestBot | undefined;
  beforeAll(async () => {
    started = await startTestBot({
      clock,
      fake: { routeLimits: { 'POST /users/@me/channels': { limit: 100, windowMs: 1000 } } },
    });
    await setUp?.(started);
  });
  afterAll(() => started?.close());
  afterEach(() => expect(started?.problems()).toEqual([]));
  return new Proxy({} as TestBot, {
    get: (_target, key) => {
      if (!started) throw new Error(`the test bot is not started yet (reading ${String(key)})`);
      return Reflect.get(started, key);
    },
  });
}

/**
 * `/start` in Europe/Berlin, nudged at `time` (07:30 unless told), with the plan starting on `start`, by a new
 * member of the study group (or `userId`): the member row's id and DM channel, as the nudge tests need them.
 */
export async function enrollMember(bot: TestBot, start: string, options: { userId?: string; time?: string } = {}) {
  const userId = options.userId ?? bot.addUser();
  const view = await bot.fake
    .slashCommand({
      userId,
      guildId: bot.guild.id,
      name: 'start',
      options: { timezone: 'Europe/Berlin', time: options.time ?? '07:30', start },
    })
    .response();
  const [member] = await bot.database.db.select().from(members).where(eq(members.discordUserId, userId));
  if (!member?.dmChannelId) throw new Error(`/start did not enroll ${userId}: ${view.content}`);
  return { userId, memberId: member.id, channel: member.dmChannelId };
}

/** The nudges (not the other DMs) a member's DM channel holds: each shows the streak. */
export const nudgesIn = (bot: TestBot, channel: string) =>
  bot.fake.messages(channel).filter((m) => m.content.includes('Streak'));
