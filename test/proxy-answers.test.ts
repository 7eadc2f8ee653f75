import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestProxy } from '../src/discord/proxy.js';
import { createLogger } from '../src/log.js';
import { startTestBot, type TestBot } from './support/bot.js';
import { waitUntil } from './support/burst.js';

// The bot reaches Discord through one `npm run proxy` (src/discord/proxy.ts) that is already
// saturated: a burst of DMs from three other processes has seconds of requests queued in it.
// An interaction must still be answered within Discord's 3 seconds (the fake enforces the deadline).
let first: TestBot;
let bot: TestBot;
let proxy: Awaited<ReturnType<typeof startRestProxy>>;

beforeAll(async () => {
  first = await startTestBot({ fake: { globalLimitPerSecond: 50 } }); // deploys the commands
  await first.stop();
  // The first bot reached the fake directly (deploy, gateway, commands): its requests count in the fake's
  // global window for this token, which the proxy cannot see. That window closes before the proxy takes over.
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  proxy = await startRestProxy({
    port: 0,
    upstream: first.fake.apiBase,
    requestsPerSecond: 50,
    log: createLogger({ level: 'silent' }),
  });
  bot = await startTestBot({
    reuse: { fake: first.fake, guild: first.guild, database: first.database },
    env: { DISCORD_API_BASE: proxy.url },
  });
}, 60_000);
afterAll(async () => {
  await bot?.close();
  await proxy?.close();
  await first?.close(); // the fake Discord and the database
});

describe('an interaction through a REST proxy saturated by a DM burst', () => {
  it('is answered within 3 s while the burst still has seconds of DMs queued', async () => {
    const userId = bot.addUser();
    const enrolled = await bot.fake
      .slashCommand({ userId, guildId: bot.guild.id, name: 'start', options: { timezone: 'UTC' } })
      .response();
    expect(enrolled.content).toContain('Welcome');

    // Three other processes, each at its own 50/s: the proxy's queue grows by 100 requests a second.
    const burst = 600;
    const others = [0, 1, 2].map(() =>
      new REST({ api: proxy.url, globalRequestsPerSecond: 50 }).setToken(bot.fake.token),
    );
    const channels = Array.from({ length: burst }, () => bot.fake.seedDmChannel(bot.addUser()));
    const sent = Promise.allSettled(
      channels.map((channel, i) =>
        others[i % 3]?.post(`/channels/${channel}/messages`, { body: { content: `burst ${i}` } }),
      ),
    );
    await waitUntil(() => bot.fake.messages().length >= 100, 20_000, 'the burst to start');

    const started = Date.now();
    const interaction = bot.fake.slashCommand({ userId, guildId: bot.guild.id, name: 'streak' });
    const view = await interaction.response();
    const answeredInMs = Date.now() - started;
    const burstDelivered = bot.fake.messages().length;

    expect(view.content).toContain('Streak');
    expect(interaction.errors).toEqual([]); // no 10062: it was not answered too late
    expect(answeredInMs).toBeLessThan(3_000);
    expect(burstDelivered).toBeLessThan(burst); // the proxy was still saturated when the answer came
    expect((await sent).filter((result) => result.status !== 'fulfilled')).toEqual([]);
    expect(bot.fake.stats.status429.global).toBe(0);
    expect(bot.problems()).toEqual([]);
  }, 60_000);
});
