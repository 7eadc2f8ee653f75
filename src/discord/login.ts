import { type Client, Events } from 'discord.js';
import { backoffMs, errorCode, type RetryInfo, StartupError, sleep } from '../startup-error.js';

export type LoginOptions = { timeoutMs: number; apiBase: string | undefined; onRetry?: (info: RetryInfo) => void };

const noAnswer = Symbol('no answer');

/**
 * Logs in and waits for the gateway session, retrying with backoff while Discord (or
 * DISCORD_API_BASE) cannot be reached, up to `timeoutMs`. A refused token fails at once. A try
 * that hangs is cut off at the deadline with `client.destroy()`, so start-up never waits forever.
 */
export async function loginWithRetry(client: Client, token: string, options: LoginOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const target = options.apiBase ?? 'https://discord.com/api';
  let lastCode = 'no answer';
  for (let attempt = 1; ; attempt++) {
    const outcome = await tryLogin(client, token, deadline - Date.now());
    if (outcome === 'ready') return;
    await client.destroy();
    if (isTokenRefused(outcome)) {
      throw new StartupError(
        'Discord refused DISCORD_TOKEN (401 Unauthorized): copy the bot token again from the Discord ' +
          'developer portal (Bot, Reset Token)',
        { cause: outcome },
      );
    }
    // A try cut off by the deadline says less than the refusal before it.
    const code = outcome === noAnswer ? lastCode : (errorCode(outcome) ?? 'error');
    lastCode = code;
    const retryInMs = backoffMs(attempt, deadline);
    if (retryInMs <= 0) {
      throw new StartupError(
        `cannot reach Discord at ${target} (${code}) within ${Math.round(options.timeoutMs / 1000)} s: ` +
          'check the network, or DISCORD_API_BASE if it is set',
        { cause: outcome },
      );
    }
    options.onRetry?.({ attempt, target, code, retryInMs });
    await sleep(retryInMs);
  }
}

/** 'ready', the error the login failed with, or `noAnswer` when the time ran out first. */
async function tryLogin(client: Client, token: string, timeoutMs: number): Promise<'ready' | unknown> {
  let onReady = () => {};
  const ready = new Promise<void>((resolve) => {
    onReady = () => resolve();
    client.once(Events.ClientReady, onReady);
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof noAnswer>((resolve) => {
    timer = setTimeout(() => resolve(noAnswer), Math.max(0, timeoutMs));
  });
  try {
    const login = Promise.all([client.login(token), ready]).then(() => 'ready' as const);
    return await Promise.race([login, timeout]);
  } catch (error) {
    return error;
  } finally {
    clearTimeout(timer);
    client.off(Events.ClientReady, onReady);
  }
}

function isTokenRefused(error: unknown): boolean {
  const code = errorCode(error);
  // TokenInvalid: REST answered 401 to GET /gateway/bot; 4004: the gateway closed on a bad token.
  if (code === 'TokenInvalid' || code === '4004') return true;
  return (error as { status?: unknown } | null)?.status === 401;
}
