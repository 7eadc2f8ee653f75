import { type App, startApp } from './app.js';
import { loadConfig, readEnvironment } from './config.js';
import { createDeliverySender } from './discord/rest.js';
import { createLogger } from './log.js';
import { defaultPlan } from './plan/default-plan.js';
import { failStartup } from './startup.js';
import { answerBackupRequests } from './store/backup-request.js';
import type { Database } from './store/db.js';
import { createStore } from './store/index.js';
import { openConfiguredDatabase } from './store/open.js';

// Wiring only: config → logger → database (checked, locked, migrated) → context → Discord + scheduler → signals.
async function main(): Promise<void> {
  const loaded = loadConfig(readEnvironment());
  if (!loaded.ok) {
    console.error(
      `career-coach cannot start. Set these environment variables (see .env.example):\n  ` +
        `${loaded.problems.join('\n  ')}`,
    );
    process.exit(1);
  }
  const { config } = loaded;
  const log = createLogger({ level: config.logLevel, pretty: config.development });

  let database: Database | undefined;
  let app: App;
  try {
    database = await openConfiguredDatabase(config, {
      onRetry: (info) => log.warn(info, 'Postgres not reachable yet; retrying'),
      onLockCompromised: (error) => failStartup(log, error, 'career-coach stopped'),
    });
    log.info(
      { database: database.kind, dataDir: database.kind === 'pglite' ? config.dataDir : undefined },
      'database ready',
    );
    const db = database.db;
    const ctx = {
      config,
      db,
      store: createStore({ db, plan: defaultPlan }),
      plan: defaultPlan,
      log,
      sender: createDeliverySender(config),
      clock: () => new Date(),
    };
    if (database.dump) answerBackupRequests(config.dataDir, database.dump, log); // npm run db:backup
    app = await startApp(ctx);
  } catch (error) {
    await database?.close().catch(() => undefined);
    failStartup(log, error);
  }
  const open = database;

  // SIGTERM (docker stop, a rolling upgrade): stop claiming, finish the sends in flight, release
  // the rest for the other processes, close Discord and the database, exit 0; never more than 15 s.
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const tooLong = setTimeout(() => {
      log.error('shutdown took longer than 14 s; exiting (unreleased claims expire with their lease)');
      process.exit(1);
    }, 14_000);
    tooLong.unref();
    try {
      await app.stop();
      await open.close();
    } catch (error) {
      log.error({ err: error }, 'shutdown failed; exiting (unreleased claims expire with their lease)');
      process.exit(1);
    }
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

void main();
