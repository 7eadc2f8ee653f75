import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { loadConfig } from '../src/config.js';
import { startTestBot, type TestBot } from './support/bot.js';

// discord.js's own sharding (SHARD_COUNT, 'auto' by default) against a fake Discord that asks for two
// shards and routes each guild's events to `(guild_id >> 22) % 2`, DMs to shard 0.
const discordEpoch = 1_420_070_400_000n;
/** A guild id (snowflake) whose events Discord sends to `shard` of 2. */
const guildIdOnShard = (shard: number) => {
  const ms = (BigInt(Date.now()) - discordEpoch) & ~1n; // an even timestamp part
  return String((ms + BigInt(shard)) << 22n);
};

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ backend: 'Postgres', fake: { shards: 2 } }); // SHARD_COUNT unset: 'auto'
}, 90_000);
afterAll(async () => {
  await bot?.close();
});

describe('SHARD_COUNT', () => {
  const shardCount = (value: string | undefined) => {
    const loaded = loadConfig({ DISCORD_TOKEN: 't', DISCORD_APP_ID: '100000000000000000', SHARD_COUNT: value });
    return loaded.ok ? loaded.config.shardCount : loaded.problems;
  };
  it("is 'auto' by default, or a count of shards", () => {
    expect(shardCount(undefined)).toBe('auto');
    expect(shardCount('4')).toBe(4);
    expect(shardCount('0')).toEqual(["SHARD_COUNT: must be 'auto' or 1 to 1000"]);
    expect(shardCount('many')).toEqual(["SHARD_COUNT: must be 'auto' or 1 to 1000"]);
  });
});

describe('two shards', () => {
  it('runs the shard count Discord recommends, one session per shard', () => {
    expect(bot.fake.gateway.shards.sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(bot.app.bot.client.ws.shards.size).toBe(2);
  });

  it('answers commands from a guild on each shard and from DMs', async () => {
    for (const shard of [0, 1]) {
      const guild = bot.fake.addGuild({ id: guildIdOnShard(shard), name: `Shard ${shard} group` });
      const user = bot.fake.addUser();
      bot.fake.addMember(guild.id, user.id);
      const view = await bot.fake
        .slashCommand({ userId: user.id, guildId: guild.id, name: 'start', options: { timezone: 'UTC' } })
        .response();
      expect(view.content).toContain('Welcome');
      const dm = await bot.fake.slashCommand({ userId: user.id, name: 'streak' }).response();
      expect(dm.content).toContain('Streak');
    }
    expect(bot.problems()).toEqual([]);
  }, 30_000);

  it('refuses an IDENTIFY with an invalid shard pair (4010) or fewer shards than required (4011)', async () => {
    const closeCode = (shard: [number, number]) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(`${bot.fake.gatewayUrl}?v=10&encoding=json`);
        socket.on('open', () =>
          socket.send(JSON.stringify({ op: 2, d: { token: bot.fake.token, intents: 1, properties: {}, shard } })),
        );
        socket.on('close', (code) => resolve(code));
      });
    expect(await closeCode([2, 2])).toBe(4010);
    expect(await closeCode([0, 1])).toBe(4011);
  });
});
