import type { Sql } from 'postgres';
import { backoffMs, errorCode, type RetryInfo, StartupError, sleep } from '../startup-error.js';

export type ConnectOptions = { timeoutMs: number; onRetry?: (info: RetryInfo) => void };

/** Where DATABASE_URL points, for messages: never the password. */
export function describePostgres(url: string) {
  const parsed = new URL(url);
  const host = parsed.hostname || 'localhost';
  const port = parsed.port || '5432';
  return {
    host,
    port,
    target: `${host}:${port}`,
    user: decodeURIComponent(parsed.username) || '(default user)',
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || '(default database)',
  };
}

/**
 * Waits until Postgres answers: a server still starting (or a network hiccup) gets retries with
 * backoff until the deadline; a missing database or refused credentials fail at once, since
 * waiting cannot fix them.
 */
export async function waitForPostgres(sql: Sql, url: string, options: ConnectOptions): Promise<void> {
  const where = describePostgres(url);
  const deadline = Date.now() + options.timeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      await sql`select 1`;
      return;
    } catch (error) {
      const refused = refusal(error, where);
      if (refused) throw refused;
      const code = errorCode(error);
      const retryInMs = backoffMs(attempt, deadline);
      if (retryInMs <= 0) {
        throw new StartupError(
          `cannot reach Postgres at ${where.target} (${code ?? 'no answer'}) within ` +
            `${Math.round(options.timeoutMs / 1000)} s: is it running? Check the host and port in DATABASE_URL`,
          { cause: error },
        );
      }
      options.onRetry?.({ attempt, target: where.target, code, retryInMs });
      await sleep(retryInMs);
    }
  }
}

function refusal(error: unknown, where: ReturnType<typeof describePostgres>): StartupError | undefined {
  const code = errorCode(error);
  if (code === '3D000')
    return new StartupError(
      `Postgres at ${where.target} has no database "${where.database}": create it ` +
        `(createdb -h ${where.host} -p ${where.port} ${where.database}) or fix the database name in DATABASE_URL`,
      { cause: error },
    );
  if (code === '28P01' || code === '28000') {
    const why = code === '28P01' ? 'wrong password' : 'not allowed';
    return new StartupError(
      `Postgres at ${where.target} refused user "${where.user}" (${why}): check the user and password in DATABASE_URL`,
      { cause: error },
    );
  }
  return undefined;
}
