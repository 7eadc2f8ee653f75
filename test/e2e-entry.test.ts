import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../commands/index.js';
import { deployCommands } from '../src/discord/deploy.js';
import { type FakeDiscord, type FakeGuild, startFakeDiscord } from './fake-discord/index.js';
import { startEntry } from './support/entry.js';

// The real entry point in a child process, pointed at the fake Discord, as a user runs it.
let fake: FakeDiscord;
let guild: FakeGuild;
const dataDir = mkdtempSync(join(tmpdir(), 'career-coach-entry-'));
beforeAll(async () => {
  fake = await startFakeDiscord();
  guild = fake.addGuild();
  await deployCommands({ token: fake.token, appId: fake.applicationId, apiBase: fake.apiBase, commands });
});
afterAll(async () => {
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const botEnv = (dataSubdir: string) => ({
  DISCORD_TOKEN: fake.token,
  DISCORD_APP_ID: fake.applicationId,
  DISCORD_API_BASE: fake.apiBase,
  DATA_DIR: join(dataDir, dataSubdir),
});

/** `npm start` in a process group of its own, so npm's children go down with it. */
function startNpm() {
  const child = spawn('npm', ['start', '--silent'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...botEnv('npm') },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const bot = {
    output: '',
    exited: new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code))),
    child,
  };
  child.stdout.on('data', (chunk) => {
    bot.output += String(chunk);
  });
  child.stderr.on('data', (chunk) => {
    bot.output += String(chunk);
  });
  return bot;
}

async function startCommandIsAnswered(): Promise<void> {
  const user = fake.addUser();
  fake.addMember(guild.id, user.id);
  const view = await fake
    .slashCommand({ userId: user.id, guildId: guild.id, name: 'start', options: { timezone: 'Europe/Berlin' } })
    .response();
  expect(view.content).toContain('Welcome to the 12-month career growth plan');
  expect(fake.stats.schemaViolations).toEqual([]);
}

describe('npm run deploy-commands', () => {
  it('registers every command in DEV_GUILD_ID with one bulk overwrite', async () => {
    const devGuild = fake.addGuild({ name: 'Dev server' });
    // Asynchronous: the fake Discord answers from this very process.
    const child = spawn('npm', ['run', '--silent', 'deploy-commands'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        DISCORD_TOKEN: fake.token,
        DISCORD_APP_ID: fake.applicationId,
        DISCORD_API_BASE: fake.apiBase,
        DEV_GUILD_ID: devGuild.id,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += String(chunk);
    });
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(0);
    expect(stdout).toContain(`Registered ${commands.length} commands (guild ${devGuild.id})`);
    expect(
      fake.commands.byGuild
        .get(devGuild.id)
        ?.map((c) => c.name)
        .sort(),
    ).toEqual(commands.map((c) => c.data.name).sort());
    expect(fake.stats.schemaViolations).toEqual([]);
  }, 40_000);
});

describe('the entry point', () => {
  it('`npm start` logs in to the Discord at DISCORD_API_BASE and answers commands', async () => {
    const bot = startNpm();
    try {
      await expect.poll(() => bot.output, { timeout: 20_000, interval: 100 }).toContain('logged in to Discord');
      await startCommandIsAnswered();
    } finally {
      process.kill(-bot.child.pid!, 'SIGTERM');
      await bot.exited;
    }
  }, 40_000);

  it('on SIGTERM it finishes, closes the database and exits 0, never printing the token', async () => {
    const bot = startEntry(botEnv('node'));
    await expect.poll(() => bot.output(), { timeout: 20_000, interval: 100 }).toContain('logged in to Discord');
    await startCommandIsAnswered();
    bot.kill('SIGTERM');
    expect((await bot.exited).code).toBe(0);
    expect(bot.output()).toContain('shutting down');
    expect(bot.output()).not.toContain(fake.token);
  }, 40_000);
});
