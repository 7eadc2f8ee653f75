import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { proxyRequests } from '@discordjs/proxy';
import { REST } from 'discord.js';
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
// bound by Discord's global limit. Behind one REST client they would wait for a slot among the DMs;
// they get a client of their own (its own global counter and buckets), so a DM burst never delays them.
const answerRoute = /^(?:\/api(?:\/v\d+)?)?\/(?:interactions\/\d+\/[^/]+\/callback|webhooks\/\d+\/[^/?]+)/;

/**
 * A Discord REST proxy for all bot processes (`npm run proxy`), built on `@discordjs/proxy`: every
 * request is replayed through an `@discordjs/rest` client that honours the buckets Discord reports
 * and paces the global limit for all of them. Each bot's own `Authorization` header is passed on,
 * so the proxy holds no token. The bots reach it through DISCORD_API_BASE (`http://HOST:PORT/api`).
 */
export async function startRestProxy(options: ProxyOptions): Promise<RunningProxy> {
  const api = options.upstream ? { api: options.upstream } : {};
  // offset: the margin added to every reset. The global window is one second from the first request
  // of each window; 20 ms keeps the proxy's windows from overlapping Discord's under some jitter while
  // costing 2% of the 50/s (the default 50 ms costs 5%).
  const deliveries = new REST({ ...api, globalRequestsPerSecond: options.requestsPerSecond, offset: 20 });
  const answers = new REST({ ...api, globalRequestsPerSecond: options.requestsPerSecond, offset: 20 });
  const toDeliveries = proxyRequests(deliveries);
  const toAnswers = proxyRequests(answers);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const handle = answerRoute.test(req.url ?? '') ? toAnswers : toDeliveries;
    Promise.resolve(handle(req, res)).catch((error: unknown) => {
      // A network failure towards Discord: the bot's REST client sees a 502 and retries or fails.
      options.log.warn({ err: error, method: req.method }, 'REST proxy: upstream request failed');
      if (!res.headersSent) res.statusCode = 502;
      res.end();
    });
  });
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
      deliveries.clearHashSweeper();
      deliveries.clearHandlerSweeper();
      answers.clearHashSweeper();
      answers.clearHandlerSweeper();
    },
  };
}
