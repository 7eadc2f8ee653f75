import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from './fake-discord/index.js';
import { createThrowawayDatabase } from './support/db.js';
import { layOutImage } from './support/image.js';

// What the image runs, without Docker: the compiled dist/ beside a clean `npm ci --omit=dev`, laid out
// by following the Dockerfile's runtime stage, started with its CMD against the fake Discord and Postgres.
let fake: FakeDiscord;
let throwaway: Awaited<ReturnType<typeof createThrowawayDatabase>>;
const folder = mkdtempSync(join(tmpdir(), 'career-coach-image-'));
beforeAll(async () => {
  fake = await startFakeDiscord();
  throwaway = await createThrowawayDatabase();
});
afterAll(async () => {
  await fake.close();
  await throwaway.drop();
  rmSync(folder, { recursive: true, force: true });
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

function start(command: string[], cwd: string, env: Record<string, string>) {
  const [program = '', ...args] = command;
  const child = spawn(program === 'node' ? process.execPath : program, args, { cwd, env, stdio: 'pipe' });
  const state = { output: '', exit: new Promise<number | null>((resolve) => child.on('exit', resolve)) };
  child.stdout.on('data', (chunk) => {
    state.output += String(chunk);
  });
  child.stderr.on('data', (chunk) => {
    state.output += String(chunk);
  });
  return { child, state };
}

describe('the image', () => {
  it('runs from a production-only install until /healthz answers 200, and its HEALTHCHECK passes', async () => {
    const app = join(folder, 'app');
    const layout = await layOutImage(process.cwd(), join(folder, 'build'), app);
    // Production dependencies only, with the postgres.js patch applied by the install (patches/README.md).
    expect(existsSync(join(app, 'node_modules/typescript'))).toBe(false);
    expect(existsSync(join(app, 'node_modules/prom-client'))).toBe(true);
    expect(readFileSync(join(app, 'node_modules/postgres/src/connection.js'), 'utf8')).toContain('career-coach patch');
    expect(layout.cmd).toEqual(['node', 'src/index.js']);

    const port = await freePort();
    const env = {
      PATH: process.env.PATH ?? '',
      ...layout.env,
      DATA_DIR: join(folder, 'data'), // unused: the bot is on Postgres, as in compose.yaml
      HTTP_PORT: String(port),
      DISCORD_TOKEN: fake.token,
      DISCORD_APP_ID: fake.applicationId,
      DISCORD_API_BASE: fake.apiBase,
      DATABASE_URL: throwaway.url,
    };
    const bot = start(layout.cmd, app, env);
    try {
      const healthz = async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.status;
      await expect.poll(healthz, { timeout: 120_000, interval: 500 }).toBe(200);
      const check = start(layout.healthcheck, app, env);
      expect(await check.state.exit).toBe(0);
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toContain('career_coach_deliveries_due 0');
      expect(metrics).toContain('process_cpu_seconds_total');
      expect(bot.state.output).toContain('slash commands registered');
    } finally {
      bot.child.kill('SIGTERM');
      expect(await bot.state.exit).toBe(0);
    }
    // With the bot gone, the HEALTHCHECK fails (Docker marks the container unhealthy).
    expect(await start(layout.healthcheck, app, env).state.exit).toBe(1);
    expect(bot.state.output).not.toContain(fake.token);
  }, 300_000);
});
