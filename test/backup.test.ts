import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../commands/index.js';
import { deployCommands } from '../src/discord/deploy.js';
import { type FakeDiscord, type FakeGuild, startFakeDiscord } from './fake-discord/index.js';
import { startEntry } from './support/entry.js';

// A backup taken from a running bot restores into a new folder with the same members, check-ins and streaks.
let fake: FakeDiscord;
let guild: FakeGuild;
const root = mkdtempSync(join(tmpdir(), 'career-coach-backup-'));
beforeAll(async () => {
  fake = await startFakeDiscord();
  guild = fake.addGuild();
  await deployCommands({ token: fake.token, appId: fake.applicationId, apiBase: fake.apiBase, commands });
});
afterAll(async () => {
  await fake.close();
  rmSync(root, { recursive: true, force: true });
});

function dbCli(args: string[], dataDir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/db-cli.ts', ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr.on('data', (chunk) => {
    output += String(chunk);
  });
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, output })),
  );
}

async function rows(dataDir: string) {
  const pg = new PGlite(dataDir);
  try {
    const all = async (sql: string) => (await pg.query(sql)).rows;
    return {
      members: await all('select * from members order by id'), // streaks included
      checkins: await all('select * from checkins order by id'),
      groups: await all('select * from group_members order by 1, 2'),
    };
  } finally {
    await pg.close();
  }
}

describe('npm run db:backup and db:restore', () => {
  it('a backup taken while the bot runs restores into an empty folder with the same rows', async () => {
    const dataDir = join(root, 'live');
    const env = { DISCORD_TOKEN: fake.token, DISCORD_APP_ID: fake.applicationId, DISCORD_API_BASE: fake.apiBase };
    const bot = startEntry({ ...env, DATA_DIR: dataDir });
    const file = join(root, 'backup.tar.gz');
    try {
      await expect.poll(bot.output, { timeout: 30_000, interval: 100 }).toContain('logged in to Discord');
      for (const note of ['two-sum', 'lru cache']) {
        const user = fake.addUser();
        fake.addMember(guild.id, user.id);
        const ask = (name: string, options: Record<string, string | number>) =>
          fake.slashCommand({ userId: user.id, guildId: guild.id, name, options }).response();
        expect((await ask('start', { timezone: 'Europe/Berlin' })).content).toContain('Welcome');
        await ask('checkin', { activity: 'coding', minutes: 45, note });
      }
      const backup = await dbCli(['backup', file], dataDir);
      expect(backup.output).toContain(`by the running bot (pid ${bot.pid})`);
      expect(backup.code).toBe(0);
    } finally {
      bot.kill('SIGTERM');
    }
    expect((await bot.exited).code).toBe(0);

    const restoredDir = join(root, 'restored');
    const restore = await dbCli(['restore', file], restoredDir);
    expect(restore.code).toBe(0);
    const original = await rows(dataDir);
    expect(original.members).toHaveLength(2);
    expect(original.checkins).toHaveLength(2);
    expect(original.members.every((m) => (m as { streak_current: number }).streak_current === 1)).toBe(true);
    expect(await rows(restoredDir)).toEqual(original);

    // With the bot stopped the CLI takes the lock and dumps the folder itself.
    const idle = await dbCli(['backup', join(root, 'idle.tar.gz')], dataDir);
    expect(idle.output).toContain('no bot was running');
    expect(idle.code).toBe(0);

    // And a restored folder is a database the bot starts on.
    const restarted = startEntry({ ...env, DATA_DIR: restoredDir });
    try {
      await expect.poll(restarted.output, { timeout: 30_000, interval: 100 }).toContain('logged in to Discord');
    } finally {
      restarted.kill('SIGTERM');
    }
    expect((await restarted.exited).code).toBe(0);
  }, 90_000);

  it('restore refuses a folder that is not empty', async () => {
    const dataDir = join(root, 'not-empty');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'PG_VERSION'), '17\n');
    const restore = await dbCli(['restore', join(root, 'backup.tar.gz')], dataDir);
    expect(restore.code).toBe(1);
    expect(restore.output).toContain(`DATA_DIR ${dataDir} is not empty: restore into an empty folder`);
  });
});
