import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../commands/index.js';
import { deployCommands } from '../src/discord/deploy.js';
import { startFakeDiscord, type FakeDiscord, type FakeGuild } from './fake-discord/index.js';

// The real entry point in a child process, pointed at the fake Discord, as a user runs it.
let fake: FakeDiscord;
let guild: FakeGuild;
const dataDir = mkdtempSync(join(tmpdir(), 'career-coach-entry-'));
beforeAll(async () => {
  fake = await startFakeDiscord();
  guild = fake.addGuild();
  await deployCommands({ token: fake.token, appId: fake.applicationId, apiBase: fake.apiBase, commands });
});
afterAll(async () => { await fake.close(); rmSync(dataDir, { recursive: true, force: true }); });

function startBot(command: string, args: string[], dataSubdir: string) {
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DISCORD_TOKEN: fake.token, DISCORD_APP_ID: fake.applicationId, DISCORD_API_BASE: fake.apiBase, DATA_DIR: join(dataDir, dataSubdir), LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so npm's children go down with it
  });
  const bot = { output: '', exited: new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code))), child };
  child.stdout.on('data', (chunk) => { bot.output += String(chunk); });
  child.stderr.on('data', (chunk) => { bot.output += String(chunk); });
  return bot;
}

async function startCommandIsAnswered(): Promise<void> {
  const user = fake.addUser();
  fake.addMember(guild.id, user.id);
  const view = await fake.slashCommand({ userId: user.id, guildId: guild.id, name: 'start', options: { timezone: 'Europe/Berlin' } }).response();
  expect(view.content).toContain('Welcome to the 12-month career growth plan');
  expect(fake.stats.schemaViolations).toEqual([]);
}

describe('the entry point', () => {
  it('`npm start` logs in to the Discord at DISCORD_API_BASE and answers commands', async () => {
    const bot = startBot('npm', ['start', '--silent'], 'npm');
    try {
      await expect.poll(() => bot.output, { timeout: 20_000, interval: 100 }).toContain('logged in to Discord');
      await startCommandIsAnswered();
    } finally {
      process.kill(-bot.child.pid!, 'SIGTERM');
      await bot.exited;
    }
  }, 40_000);

  it('on SIGTERM it finishes, closes the database and exits 0, never printing the token', async () => {
    const bot = startBot(process.execPath, ['--import', 'tsx', 'src/index.ts'], 'node');
    await expect.poll(() => bot.output, { timeout: 20_000, interval: 100 }).toContain('logged in to Discord');
    await startCommandIsAnswered();
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.output).toContain('shutting down');
    expect(bot.output).not.toContain(fake.token);
  }, 40_000);
});
