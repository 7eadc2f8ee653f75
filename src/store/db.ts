import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from '../../schema/index.js';
import { type ConnectOptions, waitForPostgres } from './connect.js';
import { runMigrations } from './migrations.js';
import { initializePgliteFolder, pgliteSettings } from './pglite-settings.js';

export type Schema = typeof schema;
/** The one database type repositories see: PGlite and postgres.js both satisfy it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  close: () => Promise<void>;
  /** PGlite only: a gzipped tarball of the data folder, taken between transactions (a consistent snapshot). */
  dump?: () => Promise<Blob>;
};

// Resolved from this file so it works from src/ (tsx) and from the built image alike.
export const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));
// Any number of processes may boot at once against one Postgres; they migrate one at a time.
const migrationLockKey = 0x6361_7265; // 'care'

export type OpenOptions = { migrationsFolder?: string };

/** Embedded PGlite: a folder on disk (prepared and locked by the caller), or in memory when undefined. */
export async function openPglite(dataDir: string | undefined, options: OpenOptions = {}): Promise<Database> {
  if (dataDir) await initializePgliteFolder(dataDir);
  // Loaded only here: a bot on Postgres never pays for the embedded database's code (some 40 MB).
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  const client = new PGlite(dataDir, { postgresqlconf: pgliteSettings });
  const db = drizzlePglite({ client, schema, casing: 'snake_case' });
  try {
    const folder = options.migrationsFolder ?? migrationsFolder;
    await runMigrations(() => migratePglite(db, { migrationsFolder: folder }), folder);
  } catch (error) {
    await client.close();
    throw error;
  }
  // Inside PGlite's transaction lock, so no other transaction is half-way through when the files are read.
  const dump = () => client.transaction(() => client.dumpDataDir('gzip'));
  return { db, kind: 'pglite', close: () => client.close(), dump };
}

export type PostgresOptions = OpenOptions & {
  max?: number;
  connect?: ConnectOptions;
  /** Server-side bound on one statement and on a transaction left idle (0: none). */
  statementTimeoutMs?: number;
};

export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Database> {
  // Session-level advisory lock: one dedicated connection takes it, migrates, and closes.
  const connectTimeout = Math.min(10, Math.ceil((options.connect?.timeoutMs ?? 30_000) / 1000));
  const migrator = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: connectTimeout });
  try {
    await waitForPostgres(migrator, url, options.connect ?? { timeoutMs: 30_000 });
    await migrator`select pg_advisory_lock(${migrationLockKey})`;
    const folder = options.migrationsFolder ?? migrationsFolder;
    const db = drizzlePostgres({ client: migrator, casing: 'snake_case' });
    await runMigrations(() => migratePostgres(db, { migrationsFolder: folder }), folder);
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
