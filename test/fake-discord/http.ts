// The REST pipeline: version prefix -> route match -> auth -> rate limit -> body parse -> handler,
// with stats and Discord's headers on every response. Unknown routes fail loudly (404 + stats).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_UPLOAD_BYTES, type Parsed, parseBody, readBody } from './body.js';
import type { Context } from './context.js';
import { type BucketRule, createRateLimiter } from './ratelimit.js';
import { discordError, type FakeReply, matchRoute, type RouteDef } from './router.js';
import { checkSpec, checkSpecArray } from './spec.js';
import type { StoredFile } from './state.js';

const DEFAULT_RULE: BucketRule = { limit: 50, windowMs: 1000 };

function countStatus(ctx: Context, reply: FakeReply, headers: Record<string, string>): void {
  if (reply.status === 429) ctx.stats.status429[headers['X-RateLimit-Scope'] === 'global' ? 'global' : 'route'] += 1;
  else if (reply.status >= 400 && reply.status < 500) ctx.stats.status4xx += 1;
}

function selfCheck(ctx: Context, route: string, reply: FakeReply): void {
  if (!reply.schema) return;
  const isList = reply.schema.endsWith('[]');
  const name = isList ? reply.schema.slice(0, -2) : reply.schema;
  const check = isList ? checkSpecArray(name, reply.body, Number.MAX_SAFE_INTEGER) : checkSpec(name, reply.body);
  if (!check.ok) ctx.stats.responseViolations.push({ route, schema: reply.schema, error: check.summary });
}

interface Outcome {
  reply: FakeReply;
  headers: Record<string, string>;
}

// Attachment URLs in message objects point here (outside /api, like Discord's CDN).
function attachmentFor(ctx: Context, url: string | undefined): StoredFile | undefined {
  const match = /^\/attachments\/(\d+)\/(\d+)\//.exec(url ?? '');
  if (!match) return undefined;
  const messages = [...ctx.world.messages.values()].filter((m) => m.api.channel_id === match[1]);
  return messages.flatMap((m) => m.files).find((f) => f.id === match[2]);
}

interface PipelineState {
  routes: readonly RouteDef[];
  ctx: Context;
  limiter: ReturnType<typeof createRateLimiter>;
  overrides: Record<string, BucketRule>;
}
interface Admitted {
  route: RouteDef;
  params: Record<string, string>;
  key: string;
  headers: Record<string, string>;
}

function unknownRoute(ctx: Context, method: string, pathname: string): Outcome {
  const key = `${method} <unknown> ${pathname}`;
  console.warn(`[fake-discord] 404 for ${key}: not a route the fake implements (or not a Discord route)`);
  ctx.stats.unknownRoutes.push(key);
  ctx.stats.byRoute[key] = (ctx.stats.byRoute[key] ?? 0) + 1;
  return { reply: discordError(404, 0, '404: Not Found'), headers: {} };
}

// Route, auth and rate limit: everything decided before the body is read.
function admit(state: PipelineState, req: IncomingMessage, url: URL, method: string): Outcome | Admitted {
  const { ctx } = state;
  const versioned = /^\/api\/v10(\/.*)$/.exec(url.pathname);
  const match = versioned?.[1] ? matchRoute(state.routes, method, versioned[1]) : null;
  ctx.stats.requests += 1;
  if (!match) return unknownRoute(ctx, method, url.pathname);
  const { route, params } = match;
  const key = `${method} ${route.template}`;
  ctx.stats.byRoute[key] = (ctx.stats.byRoute[key] ?? 0) + 1;
  const fault = ctx.faults.get(key);
  if (fault && fault.remaining > 0) {
    fault.remaining -= 1;
    return { reply: { status: fault.status, body: { code: 0, message: `${fault.status}: injected` } }, headers: {} };
  }
  const auth = req.headers.authorization;
  if (route.auth && auth !== `Bot ${ctx.world.token}`)
    return { reply: discordError(401, 0, '401: Unauthorized'), headers: {} };
  const decision = state.limiter({
    globalKey: route.globalExempt ? null : (auth ?? req.socket.remoteAddress ?? 'anonymous'),
    route: key,
    majorParameter: (route.major ?? []).map((p) => params[p]).join('/'),
    rule: state.overrides[key] ?? route.limit ?? DEFAULT_RULE,
  });
  if (!decision.ok) return { reply: { status: 429, body: decision.body }, headers: decision.headers };
  return { route, params, key, headers: decision.headers };
}

async function run(state: PipelineState, req: IncomingMessage): Promise<Outcome> {
  const url = new URL(req.url ?? '/', state.ctx.origin);
  const method = (req.method ?? 'GET').toUpperCase();
  const admitted = admit(state, req, url, method);
  if ('reply' in admitted) return admitted;
  const { route, params, key, headers } = admitted;
  let parsed: Parsed;
  try {
    parsed = await parseBody(await readBody(req), req.headers['content-type'] ?? '');
  } catch {
    return { reply: discordError(400, 50109, 'The request body contains invalid JSON.'), headers };
  }
  if (parsed.files.reduce((n, f) => n + f.data.length, 0) > MAX_UPLOAD_BYTES) {
    return { reply: discordError(413, 40005, 'Request entity too large'), headers };
  }
  const path = url.pathname.slice('/api/v10'.length);
  const reply = await route.handle({ method, path, query: url.searchParams, params, ...parsed, route: key }, state.ctx);
  selfCheck(state.ctx, key, reply);
  return { reply, headers };
}

function send(res: ServerResponse, reply: FakeReply, headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  if (reply.status === 204 || reply.body === undefined) {
    res.writeHead(reply.status).end();
    return;
  }
  res.writeHead(reply.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(reply.body));
}

function handle(state: PipelineState, req: IncomingMessage, res: ServerResponse): void {
  const file = attachmentFor(state.ctx, req.url);
  if (file) {
    res
      .writeHead(200, { 'Content-Type': file.contentType || 'application/octet-stream', 'Content-Length': file.size })
      .end(file.data);
    return;
  }
  run(state, req)
    .then(({ reply, headers }) => {
      countStatus(state.ctx, reply, headers);
      send(res, reply, headers);
    })
    .catch((error: unknown) => {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      state.ctx.stats.serverErrors.push(message);
      console.error('[fake-discord] handler crashed:', message);
      send(res, { status: 500, body: { code: 0, message: '500: Internal Server Error' } }, {});
    });
}

/** The node:http request listener for the REST API (and attachment downloads). */
export function createPipeline(
  routes: readonly RouteDef[],
  ctx: Context,
  globalPerSecond: number,
  overrides: Record<string, BucketRule>,
): (req: IncomingMessage, res: ServerResponse) => void {
  const state: PipelineState = { routes, ctx, limiter: createRateLimiter(globalPerSecond), overrides };
  return (req, res) => handle(state, req, res);
}
