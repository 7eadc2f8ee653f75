import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from './fake-discord/index.js';
import { createThrowawayDatabase } from './support/db.js';
import { plainLines, runEntry } from './support/entry.js';

// Each start-up failure: one line saying what is wrong, exit 1, in bounded time, no token, no stack.
const token = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.secret-token-value';
const base = { DISCORD_TOKEN: token, DISCORD_APP_ID: '123456789012345678' };
const root = mkdtempSync(join(tmpdir(), 'career-coach-startup-'));
let fake: FakeDiscord;
let closedPort: number;
// The Discord cases use Postgres: migrating a fresh PGlite folder would cost seconds per case.
let database: Awaited<ReturnType<typeof createThrowawayDatabase>>;
beforeAll(async () => {
  fake = await startFakeDiscord();
  database = await createThrowawayDatabase();
  // A port that was just free: nothing listens there, so connections are refused.
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  closedPort = (server.address() as { port: number }).port;
  await new Promise((done) => server.close(done));
});
afterAll(async () => {
  await fake.close();
  await database.drop();
  rmSync(root, { recursive: true, force: true });
});

async function expectRefusal(env: Record<string, string>, line: string | RegExp, options: { uid?: number } = {}) {
  const run = await runEntry({ ...base, ...env }, options);
  if (process.env.TEST_TIMINGS) console.log(`${run.ms} ms: ${plainLines(run.output).join(' | ')}`);
  expect(run.code).toBe(1);
  const lines = plainLines(run.output);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(line);
  expect(run.output).not.toContain(token);
  expect(run.output).not.toMatch(/\n\s+at /); // no stack trace
  expect(run.ms).toBeLessThan(30_000);
  return run;
}

describe('start-up failures', () => {
  it('Postgres unreachable: retries at warn until DATABASE_CONNECT_TIMEOUT_SECONDS, names host and port', async () => {
    const run = await expectRefusal(
      {
        DATABASE_URL: `postgres://postgres:hunter2@127.0.0.1:${closedPort}/coach`,
        DATABASE_CONNECT_TIMEOUT_SECONDS: '2',
      },
      `career-coach cannot start: cannot reach Postgres at 127.0.0.1:${closedPort} (ECONNREFUSED) within 2 s: ` +
        'is it running? Check the host and port in DATABASE_URL',
    );
    expect(run.output).toContain('"msg":"Postgres not reachable yet; retrying"');
    expect(run.output).not.toContain('hunter2');
  });

  it('the database does not exist: says so and how to create it', async () => {
    await expectRefusal(
      { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/career_coach_no_such_db' },
      'career-coach cannot start: Postgres at 127.0.0.1:5432 has no database "career_coach_no_such_db": create it ' +
        '(createdb -h 127.0.0.1 -p 5432 career_coach_no_such_db) or fix the database name in DATABASE_URL',
    );
  });

  it('credentials refused: says to check user and password, never prints the password', async () => {
    const run = await expectRefusal(
      { DATABASE_URL: 'postgres://no_such_role:hunter2@127.0.0.1:5432/postgres' },
      /^career-coach cannot start: Postgres at 127.0.0.1:5432 refused user "no_such_role" .*check the user and pass/,
    );
    expect(run.output).not.toContain('hunter2');
  });

  it('DATA_DIR is a file: says it is not a folder', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, '');
    await expectRefusal({ DATA_DIR: file }, `career-coach cannot start: DATA_DIR ${file} is not a folder`);
  });

  it('DATA_DIR cannot be created: says so', async () => {
    await expectRefusal(
      { DATA_DIR: '/proc/1/career-coach' },
      /^career-coach cannot start: DATA_DIR \/proc\/1\/career-coach/,
    );
  });

  it('DATA_DIR not writable: says so before opening the database (it used to hang)', async () => {
    const dir = join(root, 'read-only');
    mkdirSync(dir);
    chmodSync(dir, 0o555);
    chmodSync(root, 0o755);
    // root writes anywhere, so the child runs as nobody when the tests run as root.
    const uid = process.getuid?.() === 0 ? 65534 : undefined;
    await expectRefusal(
      { DATA_DIR: dir },
      `career-coach cannot start: DATA_DIR ${dir} is not writable by this user (EACCES)`,
      uid === undefined ? {} : { uid },
    );
  });

  it('Discord refuses the token: says DISCORD_TOKEN was refused, at once', async () => {
    const run = await expectRefusal(
      { DATABASE_URL: database.url, DISCORD_API_BASE: fake.apiBase, DISCORD_APP_ID: fake.applicationId },
      /^career-coach cannot start: Discord refused DISCORD_TOKEN \(401 Unauthorized\)/,
    );
    expect(run.output).not.toContain('Discord not reachable yet');
  });

  it('Discord unreachable: retries for DISCORD_CONNECT_TIMEOUT_SECONDS, then says which address', async () => {
    const apiBase = `http://127.0.0.1:${closedPort}/api`;
    const run = await expectRefusal(
      { DATABASE_URL: database.url, DISCORD_API_BASE: apiBase, DISCORD_CONNECT_TIMEOUT_SECONDS: '2' },
      `career-coach cannot start: cannot reach Discord at ${apiBase} (ECONNREFUSED) within 2 s: ` +
        'check the network, or DISCORD_API_BASE if it is set',
    );
    expect(run.output).toContain('"msg":"Discord not reachable yet; retrying"');
  });
});

describe('a failing migration', () => {
  it('names the migration file and leaves the database as it was', async () => {
    const throwaway = await createThrowawayDatabase();
    const sql = postgres(throwaway.url, { max: 1, onnotice: () => {} });
    try {
      // The initial migration creates "members"; a table of that name already there makes it fail.
      await sql`create table members (note text)`;
      await expectRefusal(
        { DATABASE_URL: throwaway.url },
        'career-coach cannot start: migration 0000_initial_schema.sql failed (42P07: relation "members" already ' +
          'exists); no pending migration was applied, the database is as it was',
      );
      const tables = await sql<{ name: string }[]>`
        select table_name as name from information_schema.tables where table_schema = 'public'`;
      expect(tables.map((t) => t.name)).toEqual(['members']);
      expect(await sql`select * from drizzle.__drizzle_migrations`).toHaveLength(0);
    } finally {
      await sql.end();
      await throwaway.drop();
    }
  });
});
