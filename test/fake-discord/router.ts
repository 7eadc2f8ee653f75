// Route table types, template matching and the reply helpers every route uses.
import type { Context } from './context.js';
import { checkMessageLimits, checkUploads } from './limits.js';
import type { BucketRule } from './ratelimit.js';
import { checkSpec } from './spec.js';
import { type DiscordErrorTree, flattenErrors } from './spec-errors.js';

export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  body: unknown;
  files: UploadedFile[];
  /** 'METHOD /template', the key used in stats and rate-limit buckets. */
  route: string;
}

export interface FakeReply {
  status: number;
  body?: unknown;
  /** Spec response schema the body must satisfy (self-check of the fake, see stats.responseViolations). */
  schema?: string;
}

export interface RouteDef {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  template: string;
  /** Requires `Authorization: Bot <token>` (interaction callbacks and webhooks do not). */
  auth: boolean;
  /** Params that make up the rate-limit major parameter (Discord: channel, guild, webhook+token). */
  major?: readonly string[];
  limit?: BucketRule;
  /** Interaction endpoints are not bound by the global rate limit. */
  globalExempt?: boolean;
  handle(req: FakeRequest, ctx: Context): FakeReply | Promise<FakeReply>;
}

export function matchRoute(
  routes: readonly RouteDef[],
  method: string,
  path: string,
): { route: RouteDef; params: Record<string, string> } | null {
  const segments = path.split('/').filter(Boolean);
  let best: { route: RouteDef; params: Record<string, string>; literals: number } | null = null;
  for (const route of routes) {
    if (route.method !== method) continue;
    const parts = route.template.split('/').filter(Boolean);
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let literals = 0;
    const ok = parts.every((part, i) => {
      const segment = decodeURIComponent(segments[i] ?? '');
      if (part.startsWith('{')) {
        params[part.slice(1, -1)] = segment;
        return true;
      }
      literals += 1;
      return part === segment;
    });
    // '/users/@me' must beat '/users/{user_id}': prefer the template with more literal segments.
    if (ok && (!best || literals > best.literals)) best = { route, params, literals };
  }
  return best && { route: best.route, params: best.params };
}

export function ok(body: unknown, schema?: string): FakeReply {
  return schema === undefined ? { status: 200, body } : { status: 200, body, schema };
}

export const noContent: FakeReply = { status: 204 };

export function discordError(status: number, code: number, message: string, errors?: DiscordErrorTree): FakeReply {
  return { status, body: errors ? { code, message, errors } : { code, message } };
}

/** Records a violation and returns the 400 Discord would send (null when strict mode lets it pass). */
export function invalidFormBody(req: FakeRequest, ctx: Context, errors: DiscordErrorTree): FakeReply | null {
  ctx.stats.schemaViolations.push({ route: req.route, error: flattenErrors(errors).join('\n'), errors });
  return ctx.strict ? discordError(400, 50035, 'Invalid Form Body', errors) : null;
}

/** Spec schema check, then (for message-shaped bodies) Discord's size limits on `message`. */
export function validateBody(
  req: FakeRequest,
  ctx: Context,
  schema: string,
  body: unknown,
  message?: unknown,
): FakeReply | null {
  const check = checkSpec(schema, body);
  if (!check.ok) return invalidFormBody(req, ctx, check.errors);
  if (message === undefined) return null;
  const uploads = req.files.map((f) => f.field);
  const limits = checkMessageLimits(message) ?? checkUploads(message, uploads);
  return limits ? invalidFormBody(req, ctx, limits) : null;
}

/**
 * discord.js's MessagePayload always includes `tts: false` and `enforce_nonce: false`, even for
 * interaction and webhook bodies whose schema lacks them; Discord ignores them there. Dropping
 * exactly those falsy values keeps strict checking useful without flagging every discord.js call.
 */
export function withoutDiscordJsDefaults(body: unknown, keys: readonly string[]): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const copy: Record<string, unknown> = { ...body };
  for (const key of keys) if (copy[key] === false) delete copy[key];
  return copy;
}
