import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from '../../schema/index.js';
import { initializePgliteFolder, pgliteSettings } from './pglite-settings.js';

export type Schema = typeof schema;
/** The one database type repositories see: PGlite and postgres.js both satisfy it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Database = { db: Db; kind: 'pglite' | 'postgres'; close: () => Promise<void> };

// Resolved from this file so it works from src/ (tsx) and from the built image alike.
export const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));
// Any number of processes may boot at once against one Postgres; they migrate one at a time.
const migrationLockKey = 0x6361_7265; // 'care'

/** Embedded PGlite: a folder on disk, or in memory when `dataDir` is undefined. */
export async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  if (dataDir) await initializePgliteFolder(dataDir);
  const client = new PGlite(dataDir, { postgresqlconf: pgliteSettings });
  const db = drizzlePglite({ client, schema, casing: 'snake_case' });
  await migratePglite(db, { migrationsFolder });
  return { db, kind: 'pglite', close: () => client.close() };
}

export type PostgresOptions = {
  max?: number;
  /** Server-side bound on one statement and on a transaction left idle (0: none). */
  statementTimeoutMs?: number;
};

export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Database> {
  // Session-level advisory lock: one dedicated connection takes it, migrates, and closes.
  const migrator = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrator`select pg_advisory_lock(${migrationLockKey})`;
    await migratePostgres(drizzlePostgres({ client: migrator, casing: 'snake_case' }), { migrationsFolder });
  } finally {
    await migrator.end({ timeout: 5 }); // ending the session releases the lock
  }
  // Bounded waits (DESIGN.md: every interaction answered within 10 s, even with the database down):
  // a connection attempt gives up after 5 s, a statement or an idle transaction after 15 s.
  const timeout = options.statementTimeoutMs ?? 15_000;
  const sql = postgres(url, {
    max: options.max ?? 10,
    connect_timeout: 5,
    connection: { statement_timeout: timeout, idle_in_transaction_session_timeout: timeout },
    onnotice: () => {},
  });
  const db = drizzlePostgres({ client: sql, schema, casing: 'snake_case' });
  return { db, kind: 'postgres', close: () => sql.end({ timeout: 5 }) };
}

export function openDatabase(config: { databaseUrl: string | undefined; dataDir: string }): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openPglite(config.dataDir);
}
