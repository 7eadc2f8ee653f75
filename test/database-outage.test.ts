import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../commands/index.js';
import { checkins, members } from '../schema/index.js';
import { deployCommands } from '../src/discord/deploy.js';
import type { Sender } from '../src/discord/sender.js';
import { createScheduler } from '../src/scheduler/scheduler.js';
import { type Database, openPostgres } from '../src/store/db.js';
import type { FakeDiscord } from './fake-discord/index.js';
import { startTestBot, type TestBot } from './support/bot.js';
import { createThrowawayDatabase } from './support/db.js';
import {
  contextFor,
  expectOneNudgeEach,
  type RaceWorld,
  restSender,
  seedDueMembers,
  startRaceWorld,
  tickUntilDone,
} from './support/race.js';
import { startTcpProxy, throughProxy } from './support/tcp-proxy.js';

// Postgres goes away (every connection reset, new ones refused) through a proxy the test cuts. The
// bot must answer members within 10 s, store nothing half-way, and deliver every nudge once, though
// Discord forgets nonces after 500 ms and the outage lasts several seconds.
let fake: FakeDiscord;
let throwaway: Awaited<ReturnType<typeof createThrowawayDatabase>>;
let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
let direct: Database;
let proxied: Database;
let world: RaceWorld;

beforeAll(async () => {
  world = await startRaceWorld(500);
  fake = world.fake;
  throwaway = await createThrowawayDatabase();
  proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(throwaway.url).port || 5432) });
  direct = await openPostgres(throwaway.url, { max: 2 });
  proxied = await openPostgres(throughProxy(throwaway.url, proxy.port), { max: 4 });
}, 60_000);
afterAll(async () => {
  proxy.restore();
  await proxied.close();
  await direct.close();
  await proxy.close();
  await throwaway.drop();
  await fake.close();
});

describe('a database outage', () => {
  it('longer than the nonce window, in the middle of a nudge burst, loses no nudge and doubles none', async () => {
    const guild = fake.addGuild();
    const watcher = contextFor(world, direct);
    const { dueAt, users } = await seedDueMembers(world, watcher, guild.id, 300);
    world.setOffsetMs(dueAt.getTime() - Date.now() + 1_000);
    const real = restSender(fake);
    let sends = 0;
    const cutting: Sender = {
      ...real,
      send: async (channelId, body, files) => {
        const message = await real.send(channelId, body, files);
        sends += 1;
        if (sends === 60) {
          proxy.cut(); // Discord has the message; the database is gone before the row is recorded
          setTimeout(() => proxy.restore(), 4_000);
        }
        return message;
      },
    };
    const scheduler = createScheduler(contextFor(world, proxied), cutting, { leaseMs: 2_000 });
    await tickUntilDone(watcher, [scheduler], dueAt);
    await expectOneNudgeEach(world, watcher, users, dueAt);
  }, 120_000);

  describe('while a member uses a command', () => {
    let bot: TestBot;
    beforeAll(async () => {
      const guild = fake.addGuild({ name: 'Outage group' });
      await deployCommands({ token: fake.token, appId: fake.applicationId, apiBase: fake.apiBase, commands });
      bot = await startTestBot({ reuse: { fake, guild, database: proxied }, clock: '2026-06-01T10:00:00Z' });
    });
    afterAll(() => bot.close());

    it('answers within 10 s that nothing was saved, and nothing was; the retry counts once', async () => {
      const userId = bot.addUser();
      const command = (name: string, options: Parameters<FakeDiscord['slashCommand']>[0]['options']) =>
        fake.slashCommand({ userId, guildId: bot.guild.id, name, options }).response({ timeoutMs: 15_000 });
      expect((await command('start', { timezone: 'UTC' })).content).toContain('Welcome');
      proxy.cut();
      const started = Date.now();
      const answer = await command('checkin', { minutes: 30 });
      const tookMs = Date.now() - started;
      proxy.restore();
      expect(answer.content).toContain('cannot reach its database');
      expect(answer.ephemeral).toBe(true);
      expect(tookMs).toBeLessThan(10_000);
      const [member] = await direct.db.select().from(members).where(eq(members.discordUserId, userId));
      const stored = () =>
        direct.db
          .select()
          .from(checkins)
          .where(eq(checkins.memberId, member?.id ?? -1));
      expect(await stored()).toEqual([]);

      expect((await command('checkin', { minutes: 30 })).content).toContain('Checked in: 30 min');
      expect((await stored()).map((c) => c.minutes)).toEqual([30]);
    }, 60_000);

    it('that hangs is answered within 10 s, and told later when the check-in went through after all', async () => {
      const userId = bot.addUser();
      const slash = (name: string, options: Parameters<FakeDiscord['slashCommand']>[0]['options']) =>
        fake.slashCommand({ userId, guildId: bot.guild.id, name, options });
      await slash('start', { timezone: 'UTC' }).response();
      proxy.stall();
      const started = Date.now();
      const interaction = slash('checkin', { minutes: 20 });
      const answer = await interaction.response({ timeoutMs: 15_000 });
      const tookMs = Date.now() - started;
      expect(answer.content).toContain('nothing has been saved yet');
      expect(tookMs).toBeLessThan(10_000);
      proxy.restore(); // what was sent meanwhile arrives now, late
      const [member] = await direct.db.select().from(members).where(eq(members.discordUserId, userId));
      const stored = () =>
        direct.db
          .select()
          .from(checkins)
          .where(eq(checkins.memberId, member?.id ?? -1));
      for (let i = 0; i < 100 && interaction.responses.every((r) => r.kind !== 'followup'); i += 1)
        await new Promise((resolve) => setTimeout(resolve, 100));
      const rows = await stored();
      const followUp = interaction.responses.find((r) => r.kind === 'followup');
      // The late work either stored the check-in or nothing, and the follow-up says which.
      const said = JSON.stringify(followUp?.body);
      expect(said).toContain(rows.length === 0 ? 'did not go through' : 'went through after all');
      expect(rows.map((c) => c.minutes)).toEqual(rows.length === 0 ? [] : [20]);
    }, 60_000);
  });
});
