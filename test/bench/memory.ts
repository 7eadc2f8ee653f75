import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { commands } from '../../commands/index.js';
import { deployCommands } from '../../src/discord/deploy.js';
import { startFakeDiscord } from '../fake-discord/index.js';
import { createThrowawayDatabase } from '../support/db.js';

export type MemoryResult = { idle_rss_mb: number; loaded_rss_mb: number; interactions: number };

/**
 * The bot as `npm start` runs it (`node --import tsx src/index.ts`), or as the image runs it (compiled,
 * `node src/index.js`), in a process of its
 * own, so its RSS is the bot's alone: idle 10 s after login, then after `interactions` slash commands
 * (/start for 200 members, then /checkin, /streak and /today in turn, 25 at a time), settled 5 s.
 */
export async function benchMemory(
  backend: 'PGlite' | 'Postgres',
  interactions: number,
  how: 'npm start' | 'image' = 'npm start',
): Promise<MemoryResult> {
  const fake = await startFakeDiscord({
    routeLimits: { 'POST /users/@me/channels': { limit: 100_000, windowMs: 1_000 } },
  });
  const guild = fake.addGuild();
  await deployCommands({ token: fake.token, appId: fake.applicationId, apiBase: fake.apiBase, commands });
  const dataDir = mkdtempSync(join(tmpdir(), 'career-coach-memory-'));
  const throwaway = backend === 'Postgres' ? await createThrowawayDatabase() : undefined;
  const app = how === 'image' ? buildImageLayout() : undefined;
  const bot = spawn(process.execPath, app ? ['src/index.js'] : ['--import', 'tsx', 'src/index.ts'], {
    ...(app ? { cwd: app } : {}),
    env: {
      PATH: process.env.PATH ?? '',
      DISCORD_TOKEN: fake.token,
      DISCORD_APP_ID: fake.applicationId,
      DISCORD_API_BASE: fake.apiBase,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...(throwaway ? { DATABASE_URL: throwaway.url } : {}),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    await waitFor(() => fake.gateway.identifies > 0, 60_000);
    await sleep(10_000);
    const idle = rssMb(bot);
    const users = Array.from({ length: 200 }, () => {
      const user = fake.addUser();
      fake.addMember(guild.id, user.id);
      return user.id;
    });
    const names = ['checkin', 'streak', 'today'] as const;
    let done = 0;
    const worker = async () => {
      for (let i = done++; i < interactions; i = done++) {
        // The first 200 enroll the members; the rest use the everyday commands in turn.
        const userId = users[i % users.length] ?? '';
        const name = i < users.length ? 'start' : names[i % names.length];
        const options: Record<string, string | number> =
          name === 'start' ? { timezone: 'Europe/Berlin' } : name === 'checkin' ? { minutes: 5 } : {};
        await fake
          .slashCommand({ userId, guildId: guild.id, name: name ?? 'today', options })
          .response({ timeoutMs: 30_000 });
      }
    };
    await Promise.all(Array.from({ length: 25 }, worker));
    await sleep(5_000);
    return { idle_rss_mb: idle, loaded_rss_mb: rssMb(bot), interactions };
  } finally {
    bot.kill('SIGTERM');
    await new Promise((resolve) => bot.once('exit', resolve));
    await fake.close();
    await throwaway?.drop();
    rmSync(dataDir, { recursive: true, force: true });
    if (app) rmSync(app, { recursive: true, force: true });
  }
}

/** The image's layout (Dockerfile): compiled src/, commands/, schema/ beside drizzle/ and node_modules/. */
function buildImageLayout(): string {
  const app = mkdtempSync(join(tmpdir(), 'career-coach-image-'));
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--outDir', app]);
  for (const shared of ['drizzle', 'node_modules', 'package.json']) symlinkSync(resolve(shared), join(app, shared));
  return app;
}

function rssMb(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return Math.round(kb / 1024);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('the bot did not log in');
    await sleep(100);
  }
}
