import { type App, startApp } from './app.js';
import { loadConfig, readEnvironment } from './config.js';
import { createDeliverySender } from './discord/rest.js';
import { createLogger } from './log.js';
import { defaultPlan } from './plan/default-plan.js';
import { openDatabase } from './store/db.js';
import { createStore } from './store/index.js';

// Wiring only: config → logger → database (migrated) → context → Discord + scheduler → signals.
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

  const database = await openDatabase(config);
  log.info(
    { database: database.kind, dataDir: database.kind === 'pglite' ? config.dataDir : undefined },
    'database ready',
  );
  const ctx = {
    config,
    db: database.db,
    store: createStore({ db: database.db, plan: defaultPlan }),
    plan: defaultPlan,
    log,
    sender: createDeliverySender(config),
    clock: () => new Date(),
  };

  let app: App;
  try {
    app = await startApp(ctx);
  } catch (error) {
    log.fatal({ err: error }, 'could not log in to Discord');
    await database.close();
    process.exit(1);
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    await app.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

void main();
