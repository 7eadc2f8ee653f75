import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { populateErrorResponse, populateSuccessfulResponse } from '@discordjs/proxy';
import { DefaultRestOptions, REST, type RequestMethod } from '@discordjs/rest';
import type { Logger } from '../log.js';

export type ProxyOptions = {
  /** 0 picks a free port (tests). */
  port: number;
  /** Discord's REST base (`https://discord.com/api` when unset), or the fake Discord in tests. */
  upstream: string | undefined;
  /** Discord's global limit for the bot, held here once for every process behind the proxy. */
  requestsPerSecond: number;
  log: Logger;
};

export type RunningProxy = { url: string; close: () => Promise<void> };

// Interaction callbacks and interaction webhooks (edits of the original answer, follow-ups) are not
// bound by Discord's global limit. Behind the DMs' REST client they would wait for a slot among the
// DMs; they get a client of their own, so a DM burst never delays an answer.
const answerRoute = /^\/(?:interactions\/\d+\/[^/]+\/callback|webhooks\/\d+\/[^/?]+)/;

/** How long one exchange with Discord may take once it has its slot (@discordjs/rest's default). */
const upstreamTimeoutMs = 15_000;

/** `signal`, also aborted after `ms`. */
function withTimeout(signal: AbortSignal | null | undefined, ms: number): AbortSignal {
  const timeout = AbortSignal.timeout(ms);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}

/** The error a request gets when its bot stopped waiting (or its network time ran out). */
const aborted = () => Object.assign(new Error('the request was aborted'), { name: 'AbortError' });

/**
 * Discord counts its global limit per fixed one-second window from the first request it *receives*,
 * and a request is received some time between its send and its response. So a slot is taken when a
 * request is sent and freed one second after its response: however the latency varies, no second
 * at Discord ever sees more than `perSecond` requests, hence no global 429 (@discordjs/rest's own
 * window counts sends and drifts against Discord's by the latency). It costs the latency per window.
 * A request aborted while it waits for a slot (its bot gave up) leaves the queue without taking one,
 * so it is never sent and never costs a slot.
 */
function createGlobalWindow(perSecond: number) {
  let taken = 0;
  const waiting: Array<() => void> = [];
  const free = () => {
    const next = waiting.shift();
    if (next) next();
    else taken -= 1;
  };
  const slot = (signal: AbortSignal | undefined) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(aborted());
      if (taken < perSecond) {
        taken += 1;
        return resolve();
      }
      const granted = () => {
        signal?.removeEventListener('abort', give);
        resolve();
      };
      const give = () => {
        const at = waiting.indexOf(granted);
        if (at >= 0) waiting.splice(at, 1);
        reject(aborted());
      };
      waiting.push(granted);
      signal?.addEventListener('abort', give, { once: true });
    });
  // Node's timers run on a monotonic clock truncated to whole milliseconds: measured on Date.now(), the wall
  // clock a window is counted on, about 15% of setTimeout(1000) calls fire after 999 ms. A slot freed then
  // could put a 51st request into a window whose first answer came back within its millisecond, so the
  // second is checked on Date.now() itself.
  const freeAt = (at: number) => {
    const left = at - Date.now();
    if (left > 0) setTimeout(() => freeAt(at), left);
    else free();
  };
  return async <T>(signal: AbortSignal | undefined, send: () => Promise<T>): Promise<T> => {
    await slot(signal);
    try {
      return await send();
    } finally {
      freeAt(Date.now() + 1_000);
    }
  };
}

/**
 * A Discord REST proxy for all bot processes (`npm run proxy`) on `@discordjs/proxy`'s building
 * blocks: every request is replayed through an `@discordjs/rest` client that honours the buckets
 * Discord reports and holds the global limit for all of them. Each bot's own `Authorization` header
 * is passed on, so the proxy holds no token. The bots reach it through DISCORD_API_BASE
 * (`http://HOST:PORT/api`). Unlike `proxyRequests`, the request body is read first: a request
 * retried after a 429 must go out with its body again, not with an already consumed stream.
 */
export async function startRestProxy(options: ProxyOptions): Promise<RunningProxy> {
  const api = options.upstream ? { api: options.upstream } : {};
  const window = createGlobalWindow(options.requestsPerSecond);
  // @discordjs/rest starts its timeout before `makeRequest`, so it would also count the wait for a
  // slot, and a request queued longer than that would burn a slot aborted and be retried (or lost).
  // Here the wait is bounded by the bot (its request aborts when it disconnects) and the timeout
  // counts only the exchange with Discord, from the moment the slot is taken.
  const deliveries = new REST({
    ...api,
    globalRequestsPerSecond: options.requestsPerSecond,
    offset: 0, // the window above keeps the margin
    timeout: 2 ** 31 - 1,
    makeRequest: (url, init) =>
      window(init.signal ?? undefined, () =>
        DefaultRestOptions.makeRequest(url, { ...init, signal: withTimeout(init.signal, upstreamTimeoutMs) }),
      ),
  });
  const answers = new REST({ ...api, globalRequestsPerSecond: options.requestsPerSecond });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void forward(req, res).catch((error: unknown) => {
      // A network failure towards Discord: the bot's REST client sees a 502 and retries or fails.
      options.log.warn({ err: error, method: req.method }, 'REST proxy: upstream request failed');
      if (!res.headersSent) res.statusCode = 502;
      res.end();
    });
  });

  async function forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const fullRoute = url.pathname.replace(/^\/api(\/v\d+)?/, '') as `/${string}`;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'authorization', 'x-audit-log-reason']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const rest = answerRoute.test(fullRoute) ? answers : deliveries;
    // A bot that stops waiting (its own timeout, or it died) closes its connection: its request leaves
    // the queue unsent rather than reaching Discord after the bot has given up on it and retried.
    const gone = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    try {
      const upstream = await rest.queueRequest({
        fullRoute,
        method: (req.method ?? 'GET') as RequestMethod,
        body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
        passThroughBody: true,
        auth: false, // the bot's own Authorization header is forwarded
        query: url.searchParams,
        headers,
        signal: gone.signal,
      });
      await populateSuccessfulResponse(res, upstream);
    } catch (error) {
      if (!populateErrorResponse(res, error)) throw error;
    } finally {
      res.end();
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const rest of [deliveries, answers]) {
        rest.clearHashSweeper();
        rest.clearHandlerSweeper();
      }
    },
  };
}
