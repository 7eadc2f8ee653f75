import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { StartupError } from '../startup-error.js';
import { isEmptyDataDir, prepareDataDir } from './data-dir.js';
import { lockDataDir } from './data-dir-lock.js';

const failOnLostLock = (error: Error) => {
  throw error;
};

/** Writes the tarball next to its target first, so a crash never leaves half a backup under the real name. */
export async function writeBackup(dump: () => Promise<Blob>, file: string): Promise<number> {
  const bytes = Buffer.from(await (await dump()).arrayBuffer());
  const partial = `${file}.partial`;
  writeFileSync(partial, bytes);
  renameSync(partial, file);
  return bytes.length;
}

/** Backup of a stopped bot's folder: this process takes the lock, so no bot can start meanwhile. */
export async function backupIdleDataDir(dataDir: string, file: string): Promise<number> {
  if (!existsSync(join(dataDir, 'PG_VERSION')))
    throw new StartupError(`DATA_DIR ${resolve(dataDir)} holds no embedded database to back up`);
  const lock = await lockDataDir(dataDir, { onCompromised: failOnLostLock });
  try {
    const { PGlite } = await import('@electric-sql/pglite'); // only the embedded database needs it
    const pg = new PGlite(dataDir);
    try {
      await pg.waitReady; // PGlite 0.5.16's dumpDataDir on an instance still starting never settles
      return await writeBackup(() => pg.dumpDataDir('gzip'), file);
    } finally {
      await pg.close();
    }
  } finally {
    await lock.release();
  }
}

/** Unpacks a backup into an empty DATA_DIR (created if missing); the bot migrates it at its next start. */
export async function restoreDataDir(dataDir: string, file: string): Promise<void> {
  if (!existsSync(file)) throw new StartupError(`no backup file at ${resolve(file)}`);
  prepareDataDir(dataDir);
  if (!isEmptyDataDir(readdirSync(dataDir)))
    throw new StartupError(
      `DATA_DIR ${resolve(dataDir)} is not empty: restore into an empty folder (move this one aside first)`,
    );
  const lock = await lockDataDir(dataDir, { onCompromised: failOnLostLock });
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const pg = new PGlite(dataDir, { loadDataDir: new Blob([readFileSync(file)]) });
    await pg.query('select 1');
    await pg.close();
  } finally {
    // The tarball carries the lock files of the process it came from; releasing clears them.
    await lock.release();
  }
}
