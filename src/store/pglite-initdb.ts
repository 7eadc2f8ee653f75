// Run by initializePgliteFolder in a child process: create the embedded database folder, then exit.
import { PGlite } from '@electric-sql/pglite';
import { pgliteSettings } from './pglite-settings.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: pglite-initdb DATA_DIR');
const client = new PGlite(dataDir, { postgresqlconf: pgliteSettings });
await client.waitReady;
await client.close();
