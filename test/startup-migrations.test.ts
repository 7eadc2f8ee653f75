import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { isStartupError } from '../src/startup-error.js';
import { migrationsFolder, openPglite, openPostgres } from '../src/store/db.js';
import { createThrowawayDatabase } from './support/db.js';

// drizzle applies every pending migration in one transaction: a broken one leaves no trace, on both drivers.
const root = mkdtempSync(join(tmpdir(), 'career-coach-migrations-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The real migrations plus two new ones: a good table, then a statement that fails. */
function brokenMigrations(): string {
  const folder = join(root, `broken-${Math.random().toString(36).slice(2)}`);
  cpSync(migrationsFolder, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<Record<string, unknown>> };
  const last = journal.entries.at(-1) as { idx: number; when: number };
  const add = (offset: number, tag: string, sql: string) => {
    writeFileSync(join(folder, `${tag}.sql`), sql);
    journal.entries.push({ idx: last.idx + offset, version: '7', when: last.when + offset, tag, breakpoints: true });
  };
  add(1, '0900_add_notes', 'CREATE TABLE "notes" ("id" integer PRIMARY KEY);');
  add(2, '0901_broken', 'ALTER TABLE "notes" ADD COLUMN "x" integer;\n--> statement-breakpoint\nSELECT no_such_fn();');
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

// Every real migration is recorded, and neither of the two new ones.
const realMigrations = (
  JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }
).entries.length;
const tableNames = `select table_name as name from information_schema.tables where table_schema = 'public'`;
const expectedMessage =
  /^migration 0901_broken\.sql failed \(42883: function no_such_fn\(\) does not exist\); no pending migration/;

describe('a migration that fails', () => {
  it('on PGlite: names the file and leaves the database as the last good start left it', async () => {
    const dataDir = join(root, 'pglite');
    await (await openPglite(dataDir)).close(); // migrated with the real migrations
    const error = await openPglite(dataDir, { migrationsFolder: brokenMigrations() }).catch((e: unknown) => e);
    expect(isStartupError(error) && error.message).toMatch(expectedMessage);
    const pg = new PGlite(dataDir);
    try {
      const tables = (await pg.query<{ name: string }>(tableNames)).rows.map((row) => row.name);
      expect(tables).toContain('members');
      expect(tables).not.toContain('notes');
      expect((await pg.query('select * from drizzle.__drizzle_migrations')).rows).toHaveLength(realMigrations);
    } finally {
      await pg.close();
    }
  });

  it('on Postgres: names the file and leaves the database as the last good start left it', async () => {
    const throwaway = await createThrowawayDatabase();
    const sql = postgres(throwaway.url, { max: 1, onnotice: () => {} });
    try {
      await (await openPostgres(throwaway.url)).close();
      const error = await openPostgres(throwaway.url, { migrationsFolder: brokenMigrations() }).catch(
        (e: unknown) => e,
      );
      expect(isStartupError(error) && error.message).toMatch(expectedMessage);
      const tables = (await sql<{ name: string }[]>`${sql.unsafe(tableNames)}`).map((row) => row.name);
      expect(tables).toContain('members');
      expect(tables).not.toContain('notes');
      expect(await sql`select * from drizzle.__drizzle_migrations`).toHaveLength(realMigrations);
    } finally {
      await sql.end();
      await throwaway.drop();
    }
  });
});
