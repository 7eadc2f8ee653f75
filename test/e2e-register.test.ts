import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../commands/index.js';
import { type FakeDiscord, startFakeDiscord } from './fake-discord/index.js';
import { createThrowawayDatabase } from './support/db.js';
import { type EntryProcess, startEntry } from './support/entry.js';

// The two README commands: `npm start` with a token, against a Discord that has never seen the bot's
// commands. The entry point registers them itself, once, and says how to invite the bot.
let fake: FakeDiscord;
let throwaway: Awaited<ReturnType<typeof createThrowawayDatabase>>;
beforeAll(async () => {
  fake = await startFakeDiscord();
  throwaway = await createThrowawayDatabase();
});
afterAll(async () => {
  await fake.close();
  await throwaway.drop();
});

const get = 'GET /applications/{application_id}/commands';
const put = 'PUT /applications/{application_id}/commands';
const calls = () => ({ get: fake.stats.byRoute[get] ?? 0, put: fake.stats.byRoute[put] ?? 0 });

async function startBot(): Promise<EntryProcess> {
  const bot = startEntry({
    DISCORD_TOKEN: fake.token,
    DISCORD_APP_ID: fake.applicationId,
    DISCORD_API_BASE: fake.apiBase,
    DATABASE_URL: throwaway.url,
  });
  await expect
    .poll(() => bot.output(), { timeout: 40_000, interval: 100 })
    .toMatch(/slash commands (registered|unchanged)|could not register/);
  return bot;
}

async function stop(bot: EntryProcess): Promise<void> {
  bot.kill('SIGTERM');
  expect((await bot.exited).code).toBe(0);
}

describe('a first start, then a restart', () => {
  it('registers the commands once, logs the invite link and answers /start; the restart writes nothing', async () => {
    const first = await startBot();
    try {
      expect(calls()).toEqual({ get: 1, put: 1 });
      expect(fake.commands.global.map((c) => c.name).sort()).toEqual(commands.map((c) => c.data.name).sort());
      const invite = new URL(first.output().match(/invite the bot to a server: (\S+)"/)?.[1] ?? '');
      expect(invite.origin + invite.pathname).toBe('https://discord.com/oauth2/authorize');
      expect(Object.fromEntries(invite.searchParams)).toMatchObject({
        client_id: fake.applicationId,
        scope: 'bot applications.commands',
        permissions: expect.stringMatching(/^\d+$/),
      });
      expect(first.output()).toContain('slash commands registered');
      const guild = fake.addGuild();
      const user = fake.addUser();
      fake.addMember(guild.id, user.id);
      const view = await fake
        .slashCommand({ userId: user.id, guildId: guild.id, name: 'start', options: { timezone: 'Europe/Berlin' } })
        .response();
      expect(view.content).toContain('Welcome to the 12-month career growth plan');
    } finally {
      await stop(first);
    }

    const second = await startBot();
    try {
      expect(calls()).toEqual({ get: 2, put: 1 });
      expect(second.output()).toContain('slash commands unchanged');
      expect(second.output().match(/invite the bot to a server/g)).toHaveLength(1);
    } finally {
      await stop(second);
    }
    expect(fake.stats.schemaViolations).toEqual([]);
  }, 120_000);
});
