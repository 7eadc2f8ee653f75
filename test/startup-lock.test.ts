import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from './fake-discord/index.js';
import { plainLines, startEntry } from './support/entry.js';

// Two bots on one embedded database would corrupt it and nudge twice: the second must refuse.
let fake: FakeDiscord;
const root = mkdtempSync(join(tmpdir(), 'career-coach-lock-'));
beforeAll(async () => {
  fake = await startFakeDiscord();
  fake.addGuild();
});
afterAll(async () => {
  await fake.close();
  rmSync(root, { recursive: true, force: true });
});

describe('one process per DATA_DIR', () => {
  it('a second start on one folder exits 1 naming folder and pid; after a SIGKILL a new start runs', async () => {
    const dataDir = join(root, 'data');
    const env = {
      DISCORD_TOKEN: fake.token,
      DISCORD_APP_ID: fake.applicationId,
      DISCORD_API_BASE: fake.apiBase,
      DATA_DIR: dataDir,
    };
    const first = startEntry(env);
    try {
      await expect.poll(first.output, { timeout: 30_000, interval: 100 }).toContain('logged in to Discord');

      const second = startEntry(env);
      const refused = await second.exited;
      expect(refused.code).toBe(1);
      expect(plainLines(second.output())).toEqual([
        `career-coach cannot start: the embedded database in ${resolve(dataDir)} is in use by another process ` +
          `(pid ${first.pid}); one process per DATA_DIR (set DATABASE_URL to Postgres to run several)`,
      ]);
      // The holder refreshes its lock every 5 s, so a live holder is recognised without waiting for staleness.
      expect(refused.ms).toBeLessThan(15_000);
      expect(second.output()).not.toContain('database ready');
      expect(first.output()).not.toContain('shutting down');
    } finally {
      first.kill('SIGKILL'); // no handler runs: the lock is left behind, as after a power loss
    }
    expect((await first.exited).code).toBeNull();

    // Started at once: it waits until the dead holder's lock is stale (10 s), then takes over.
    const third = startEntry(env);
    try {
      await expect.poll(third.output, { timeout: 40_000, interval: 100 }).toContain('logged in to Discord');
    } finally {
      third.kill('SIGTERM');
    }
    expect((await third.exited).code).toBe(0);
  }, 90_000);
});
