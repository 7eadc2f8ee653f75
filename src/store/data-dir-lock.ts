import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import lockfile from 'proper-lockfile';
import { errorCode, StartupError, sleep } from '../startup-error.js';

// proper-lockfile: an atomic mkdir whose mtime the holder refreshes every staleMs / 2. A holder
// killed with SIGKILL (or a power loss) stops refreshing, and after staleMs the lock is taken over.
export const lockStaleMs = 10_000;
export const lockDirName = '.career-coach.lock';
// The pid lives next to the lock folder, not in it: proper-lockfile removes a stale lock with rmdir.
export const lockPidName = '.career-coach.pid';

/** The folder is locked by a live process; `pid` is that process when it wrote its pid. */
export class DataDirInUseError extends StartupError {
  constructor(
    message: string,
    readonly pid: number | undefined,
  ) {
    super(message);
  }
}

export type DataDirLock = { release: () => Promise<void> };
export type LockOptions = { onCompromised: (error: Error) => void; staleMs?: number };

/**
 * One process per embedded database: PGlite is one Postgres in this process, and two of them on
 * one folder corrupt it. Waits until a lock it finds is either proven alive (its holder refreshed
 * it) or stale (its holder died); refuses the first, takes over the second.
 */
export async function lockDataDir(dataDir: string, options: LockOptions): Promise<DataDirLock> {
  const staleMs = options.staleMs ?? lockStaleMs;
  const lockPath = join(dataDir, lockDirName);
  const deadline = Date.now() + staleMs + 2_000;
  let firstSeen: number | undefined;
  for (;;) {
    try {
      const release = await lockfile.lock(dataDir, {
        lockfilePath: lockPath,
        realpath: false,
        stale: staleMs,
        onCompromised: options.onCompromised,
      });
      const pidPath = join(dataDir, lockPidName);
      writeFileSync(pidPath, `${process.pid}\n`);
      return {
        release: async () => {
          rmSync(pidPath, { force: true });
          await release();
        },
      };
    } catch (error) {
      if (errorCode(error) !== 'ELOCKED') throw lockFailed(dataDir, error);
      const mtime = modifiedAt(lockPath);
      firstSeen ??= mtime;
      const refreshed = mtime !== undefined && firstSeen !== undefined && mtime > firstSeen;
      if (refreshed || Date.now() > deadline) throw new DataDirInUseError(refusal(dataDir), lockHolderPid(dataDir));
      await sleep(250);
    }
  }
}

/** The pid written by the process that holds the lock, if it wrote one. */
export function lockHolderPid(dataDir: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(join(dataDir, lockPidName), 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function refusal(dataDir: string): string {
  const pid = lockHolderPid(dataDir);
  const holder = pid === undefined ? 'another process' : `another process (pid ${pid})`;
  return (
    `the embedded database in ${resolve(dataDir)} is in use by ${holder}; ` +
    'one process per DATA_DIR (set DATABASE_URL to Postgres to run several)'
  );
}

function lockFailed(dataDir: string, error: unknown): StartupError {
  return new StartupError(`cannot lock DATA_DIR ${resolve(dataDir)} (${errorCode(error) ?? String(error)})`, {
    cause: error,
  });
}

function modifiedAt(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}
