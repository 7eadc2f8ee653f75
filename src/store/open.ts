import { resolve } from 'node:path';
import type { Config } from '../config.js';
import type { RetryInfo } from '../startup-error.js';
import { StartupError } from '../startup-error.js';
import { prepareDataDir } from './data-dir.js';
import { lockDataDir } from './data-dir-lock.js';
import { type Database, type OpenOptions, openPglite, openPostgres } from './db.js';

export type OpenHooks = OpenOptions & {
  /** Postgres did not answer yet; another try follows. */
  onRetry?: (info: RetryInfo) => void;
  /** The embedded database's lock was lost (e.g. the process stalled past the stale time). */
  onLockCompromised: (error: Error) => void;
};

/**
 * The configured database, migrated, with every start-up check first: Postgres reachable and
 * willing within DATABASE_CONNECT_TIMEOUT_SECONDS; or DATA_DIR usable and locked to this process.
 * Failures are StartupErrors; `close` also releases the lock.
 */
export async function openConfiguredDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'databaseConnectTimeoutSeconds'>,
  hooks: OpenHooks,
): Promise<Database> {
  const { migrationsFolder } = hooks;
  if (config.databaseUrl) {
    const connect = { timeoutMs: config.databaseConnectTimeoutSeconds * 1000, onRetry: hooks.onRetry };
    return openPostgres(config.databaseUrl, { connect, migrationsFolder });
  }
  prepareDataDir(config.dataDir);
  const onCompromised = (error: Error) =>
    hooks.onLockCompromised(
      new StartupError(
        `lost the lock on DATA_DIR ${resolve(config.dataDir)} (${error.message}); stopping so that no second ` +
          'process writes the embedded database with this one',
        { cause: error },
      ),
    );
  const lock = await lockDataDir(config.dataDir, { onCompromised });
  try {
    const database = await openPglite(config.dataDir, { migrationsFolder });
    return {
      ...database,
      close: async () => {
        try {
          await database.close();
        } finally {
          await lock.release();
        }
      },
    };
  } catch (error) {
    await lock.release();
    throw error;
  }
}
