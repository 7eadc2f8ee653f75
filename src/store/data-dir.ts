import { accessSync, constants, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { errorCode, StartupError } from '../startup-error.js';

/**
 * Makes sure the embedded database's folder exists, is a folder and is writable, before PGlite
 * opens it: PGlite on a folder it cannot write hangs instead of failing.
 */
export function prepareDataDir(dataDir: string): void {
  const where = `DATA_DIR ${resolve(dataDir)}`;
  if (!existsSync(dataDir)) {
    try {
      // The leaf on its own: Node's recursive mkdir can loop forever where the kernel answers ENOENT (/proc).
      const parent = dirname(resolve(dataDir));
      if (!existsSync(parent)) mkdirSync(parent, { recursive: true });
      mkdirSync(dataDir);
    } catch (error) {
      throw new StartupError(`${where} does not exist and cannot be created (${errorCode(error)})`, { cause: error });
    }
  }
  if (!statSync(dataDir).isDirectory()) throw new StartupError(`${where} is not a folder`);
  // access() alone trusts mode bits; a probe file also catches read-only mounts and ACLs.
  const probe = join(dataDir, `.write-test-${process.pid}`);
  try {
    accessSync(dataDir, constants.R_OK | constants.W_OK);
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (error) {
    throw new StartupError(`${where} is not writable by this user (${errorCode(error)})`, { cause: error });
  }
}

/** The folder holds no database yet (nothing, or only what a failed start left). */
export function isEmptyDataDir(entries: string[]): boolean {
  return entries.every((name) => name.startsWith('.career-coach') || name.startsWith('.write-test-'));
}
