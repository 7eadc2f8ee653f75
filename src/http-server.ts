import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Health } from './health.js';
import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';
import { StartupError } from './startup-error.js';

export type HttpServer = { port: number; close: () => Promise<void> };

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(body);
}

/**
 * The operator's port (HTTP_PORT): GET /healthz (200 or 503, a short JSON body) and GET /metrics
 * (Prometheus text format). Nothing else is served; no framework is needed for two routes.
 */
export async function startHttpServer(options: {
  port: number;
  metrics: Metrics;
  health: () => Promise<Health>;
  log: Logger;
}): Promise<HttpServer> {
  const { metrics, health, log } = options;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const answer =
      req.method !== 'GET' && req.method !== 'HEAD'
        ? Promise.resolve(send(res, 405, 'text/plain', 'method not allowed\n'))
        : path === '/healthz'
          ? health().then(({ ok, body }) => send(res, ok ? 200 : 503, 'application/json', `${JSON.stringify(body)}\n`))
          : path === '/metrics'
            ? metrics.registry.metrics().then((text) => send(res, 200, metrics.registry.contentType, text))
            : Promise.resolve(send(res, 404, 'text/plain', 'not found: try /healthz or /metrics\n'));
    answer.catch((error: unknown) => {
      log.warn({ err: error, path }, 'http request failed');
      if (!res.headersSent) send(res, 500, 'text/plain', 'internal error\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new StartupError(
          `HTTP_PORT ${options.port} cannot be used (${error.code ?? error.message}): choose a free port or unset it`,
          { cause: error },
        ),
      ),
    );
    server.listen(options.port, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  log.info({ port }, 'serving /healthz and /metrics');
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
