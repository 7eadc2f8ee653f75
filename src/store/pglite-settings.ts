import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * Postgres settings for the embedded database. PGlite runs Postgres inside WebAssembly memory that
 * never shrinks, so every buffer is resident for good: the defaults (128 MB of shared buffers) let
 * one bot grow to half a gigabyte. A study group's data is a few megabytes; these are plenty.
 */
export const pgliteSettings = [
  'shared_buffers = 16MB',
  'temp_buffers = 2MB',
  'work_mem = 2MB',
  'maintenance_work_mem = 16MB',
];

/**
 * Creates the database folder (Postgres' initdb) in a short-lived child process when it is new.
 * initdb leaves some 500 MB behind in the process that ran it, which no garbage collection returns;
 * the bot then opens the finished folder and stays small from its first start.
 */
export async function initializePgliteFolder(dataDir: string): Promise<void> {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return;
  // From source (npm start, tests) the script is TypeScript, run through tsx; compiled, it is plain JS.
  const fromSource = import.meta.url.endsWith('.ts');
  const script = fileURLToPath(new URL(`./pglite-initdb.${fromSource ? 'ts' : 'js'}`, import.meta.url));
  await promisify(execFile)(process.execPath, [...(fromSource ? ['--import', 'tsx'] : []), script, dataDir]);
}
