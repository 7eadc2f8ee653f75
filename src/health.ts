import { type Client, Status } from 'discord.js';
import { sql } from 'drizzle-orm';
import type { Db } from './store/db.js';

export type Health = { ok: boolean; body: Record<string, unknown> };

// A health check that waits as long as the database may (15 s per statement) would time out the
// checker first, and say nothing about which part failed.
const databaseTimeoutMs = 2_000;

async function databaseAnswers(db: Db): Promise<'ok' | 'timeout' | 'failed'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), databaseTimeoutMs);
  });
  const query = db.execute(sql`select 1`).then(
    () => 'ok' as const,
    () => 'failed' as const,
  );
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Every gateway shard of this process has a live session (READY or RESUMED, not reconnecting). */
function gatewayReady(client: Client): boolean {
  const shards = [...client.ws.shards.values()];
  return shards.length > 0 && shards.every((shard) => shard.status === Status.Ready);
}

/** What /healthz answers: 200 when the database answers `select 1` quickly and the gateway is ready, else 503. */
export async function checkHealth(db: Db, client: Client): Promise<Health> {
  const database = await databaseAnswers(db);
  const gateway = gatewayReady(client) ? 'ready' : 'not ready';
  const failed = [...(database === 'ok' ? [] : ['database']), ...(gateway === 'ready' ? [] : ['gateway'])];
  const body = { status: failed.length === 0 ? 'ok' : 'unavailable', database, gateway };
  return { ok: failed.length === 0, body: failed.length === 0 ? body : { ...body, failed } };
}
