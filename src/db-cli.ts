import { resolve } from 'node:path';
import { loadStorageConfig, readEnvironment } from './config.js';
import { isStartupError } from './startup-error.js';
import { backupIdleDataDir, restoreDataDir } from './store/backup.js';
import { requestBackup } from './store/backup-request.js';
import { DataDirInUseError } from './store/data-dir-lock.js';

// `npm run db:backup [FILE]` and `npm run db:restore FILE` for the embedded database (Postgres: pg_dump).
const usage = 'usage: npm run db:backup [FILE]  |  npm run db:restore FILE';

async function backup(dataDir: string, file: string): Promise<string> {
  try {
    const bytes = await backupIdleDataDir(dataDir, file);
    return `backup of ${resolve(dataDir)} written to ${file} (${bytes} bytes; no bot was running)`;
  } catch (error) {
    if (!(error instanceof DataDirInUseError) || error.pid === undefined) throw error;
    const bytes = await requestBackup(dataDir, error.pid, file);
    return `backup of ${resolve(dataDir)} written to ${file} (${bytes} bytes) by the running bot (pid ${error.pid})`;
  }
}

async function main(): Promise<void> {
  const [command, fileArgument] = process.argv.slice(2);
  const loaded = loadStorageConfig(readEnvironment());
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  if (loaded.databaseUrl) {
    console.error('DATABASE_URL is set: back up Postgres with pg_dump and restore with pg_restore (see README)');
    process.exit(1);
  }
  if (command === 'backup') {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    console.log(await backup(loaded.dataDir, resolve(fileArgument ?? `career-coach-backup-${stamp}.tar.gz`)));
  } else if (command === 'restore' && fileArgument) {
    await restoreDataDir(loaded.dataDir, fileArgument);
    console.log(`restored ${resolve(fileArgument)} into ${resolve(loaded.dataDir)}; start the bot to use it`);
  } else {
    console.error(usage);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(`career-coach ${process.argv[2] ?? 'db'}: ${isStartupError(error) ? error.message : String(error)}`);
  process.exit(1);
});
