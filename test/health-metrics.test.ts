import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { members } from '../schema/index.js';
import { openPostgres } from '../src/store/db.js';
import { startFakeDiscord } from './fake-discord/index.js';
import { startTestBot, type TestBot } from './support/bot.js';
import { createThrowawayDatabase } from './support/db.js';
import { startTcpProxy, throughProxy } from './support/tcp-proxy.js';

// The operator's port (HTTP_PORT) of a real bot against the fake Discord and a real Postgres.
const get = async (bot: TestBot, path: string) => {
  const response = await fetch(`http://127.0.0.1:${bot.app.http?.port}${path}`);
  return { status: response.status, text: await response.text() };
};
const health = async (bot: TestBot) => {
  const { status, text } = await get(bot, '/healthz');
  return { status, body: JSON.parse(text) as Record<string, unknown> };
};

/** The value of one sample in Prometheus text format, matched by name and a subset of its labels. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return undefined;
}
const metrics = async (bot: TestBot) => (await get(bot, '/metrics')).text;

/** Members due for their nudge at 07:30 Berlin on 2 June 2026 (05:30 UTC), inserted as /start would. */
async function seedMembers(bot: TestBot, count: number): Promise<string[]> {
  const rows = Array.from({ length: count }, () => ({
    discordUserId: bot.addUser(),
    timeZone: 'Europe/Berlin',
    nudgeTime: '07:30',
    planStartDate: '2026-06-01',
  }));
  await bot.ctx.db.insert(members).values(rows);
  await bot.ctx.store.nudgePlans.planMissingNudges(bot.clock.now());
  return rows.map((row) => row.discordUserId);
}

describe('/healthz and /metrics', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ backend: 'Postgres', env: { HTTP_PORT: '0' } });
  }, 60_000);
  afterAll(() => bot.close());

  it('/healthz answers 200 with the database and the gateway named, once the bot is logged in', async () => {
    expect(await health(bot)).toEqual({ status: 200, body: { status: 'ok', database: 'ok', gateway: 'ready' } });
    expect((await get(bot, '/nothing')).status).toBe(404);
  });

  it('counts interactions by command and outcome, with their answer time', async () => {
    const userId = bot.addUser();
    const start = bot.fake.slashCommand({
      userId,
      guildId: bot.guild.id,
      name: 'start',
      options: { timezone: 'Europe/Berlin', time: '07:30', start: '2026-06-01' },
    });
    expect((await start.response()).content).toContain('Welcome');
    const stranger = bot.addUser(); // not enrolled: /today tells them to /start first
    await bot.fake.slashCommand({ userId: stranger, guildId: bot.guild.id, name: 'today' }).response();
    // Counted once the bot has Discord's answer to its reply, a moment after the member saw it.
    const counted = async (labels: Record<string, string>) =>
      sample(await metrics(bot), 'career_coach_interactions_total', labels);
    await expect.poll(() => counted({ command: 'today', outcome: 'user_error' }), { timeout: 5_000 }).toBe(1);
    const text = await metrics(bot);
    expect(sample(text, 'career_coach_interactions_total', { command: 'start', outcome: 'ok' })).toBe(1);
    expect(sample(text, 'career_coach_interactions_total', { command: 'today', outcome: 'ok' })).toBeUndefined();
    expect(sample(text, 'career_coach_interaction_duration_seconds_count', { command: 'start' })).toBe(1);
    expect(sample(text, 'career_coach_interaction_duration_seconds_bucket', { command: 'start', le: '3' })).toBe(1);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(10_000_000); // Node's defaults
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeDefined();
  });
});

describe('deliveries in /metrics', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ backend: 'Postgres', env: { HTTP_PORT: '0' } });
  }, 60_000);
  afterAll(() => bot.close());

  it('shows deliveries due and overdue before the tick, then the nudges sent and how late the claim was', async () => {
    const [owner = ''] = await seedMembers(bot, 3); // 3 nudges at 05:30 UTC on 2 June
    bot.clock.set('2026-06-02T05:32:00Z');
    let text = await metrics(bot);
    expect([sample(text, 'career_coach_deliveries_due'), sample(text, 'career_coach_deliveries_overdue')]).toEqual([
      3, 0,
    ]);
    bot.clock.set('2026-06-02T05:40:00Z'); // 10 min late: past the 5 min that counts as overdue
    text = await metrics(bot);
    expect([sample(text, 'career_coach_deliveries_due'), sample(text, 'career_coach_deliveries_overdue')]).toEqual([
      3, 3,
    ]);

    await bot.app.scheduler.tick();
    text = await metrics(bot);
    expect(sample(text, 'career_coach_deliveries_total', { kind: 'nudge', outcome: 'sent' })).toBe(3);
    expect([sample(text, 'career_coach_deliveries_due'), sample(text, 'career_coach_deliveries_overdue')]).toEqual([
      0, 0,
    ]);
    expect(sample(text, 'career_coach_delivery_claim_lag_seconds_count')).toBe(3);
    expect(sample(text, 'career_coach_delivery_claim_lag_seconds_sum')).toBe(3 * 600);
    expect(sample(text, 'career_coach_delivery_claim_lag_seconds_bucket', { le: '300' })).toBe(0);

    const [nudge] = bot.fake.messages(bot.fake.dmChannelOf(owner));
    await bot.fake.clickButton({ userId: owner, message: nudge!, customId: 'nudge:skip:2026-06-02' }).response();
    const skipped = async () =>
      sample(await metrics(bot), 'career_coach_interactions_total', { command: 'button:nudge', outcome: 'ok' });
    await expect.poll(skipped, { timeout: 5_000 }).toBe(1);
    expect(bot.problems()).toEqual([]);
  });
});

describe('REST 429s in /metrics', () => {
  it('count every 429 Discord answered, as the fake Discord counted them', async () => {
    const bot = await startTestBot({ backend: 'Postgres', env: { HTTP_PORT: '0' }, fake: { globalLimitPerSecond: 5 } });
    try {
      await seedMembers(bot, 8); // 16 requests (open DM, send) at 50/s against Discord's 5/s
      bot.clock.set('2026-06-02T05:31:00Z');
      await bot.app.scheduler.tick();
      const text = await metrics(bot);
      expect(sample(text, 'career_coach_deliveries_total', { kind: 'nudge', outcome: 'sent' })).toBe(8);
      const counted = ['deliveries', 'interactions'].map(
        (client) => sample(text, 'career_coach_discord_rest_429_total', { client, scope: 'global' }) ?? 0,
      );
      expect(bot.fake.stats.status429.global).toBeGreaterThan(0);
      expect(counted).toEqual([bot.fake.stats.status429.global, 0]);
    } finally {
      await bot.close();
    }
  }, 60_000);
});

describe('/healthz when something is down', () => {
  it('answers 503 naming a database that does not answer, 200 when it is back, then names the gateway', async () => {
    const fake = await startFakeDiscord();
    const guild = fake.addGuild();
    const throwaway = await createThrowawayDatabase();
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(throwaway.url).port || 5432) });
    const database = await openPostgres(throughProxy(throwaway.url, proxy.port));
    const bot = await startTestBot({ reuse: { fake, guild, database }, env: { HTTP_PORT: '0' } });
    try {
      expect((await health(bot)).status).toBe(200);
      proxy.stall(); // a database that hangs rather than refuses
      const started = Date.now();
      expect(await health(bot)).toEqual({
        status: 503,
        body: { status: 'unavailable', database: 'timeout', gateway: 'ready', failed: ['database'] },
      });
      expect(Date.now() - started).toBeLessThan(5_000); // before a checker's own timeout
      proxy.restore();
      await expect.poll(async () => (await health(bot)).status, { timeout: 20_000, interval: 200 }).toBe(200);
      await fake.close(); // Discord goes away: the gateway session is lost
      await expect
        .poll(async () => (await health(bot)).body.failed, { timeout: 20_000, interval: 200 })
        .toEqual(['gateway']);
    } finally {
      proxy.restore();
      await bot.app.stop();
      await database.close();
      await proxy.close();
      await throwaway.drop();
    }
  }, 90_000);
});
