// Discord-style rate limiting: a global per-token window plus per-route buckets keyed by route and
// major parameter, reported through the same headers Discord sends so @discordjs/rest can pace
// itself. Fixed windows are simpler than Discord's internals but produce the same header contract.
import { createHash } from 'node:crypto';

export interface BucketRule {
  limit: number;
  windowMs: number;
}

export interface RateLimitRequest {
  /** Global limit key (bot token, or the client address for token-less requests); null = exempt. */
  globalKey: string | null;
  /** Route template such as 'POST /channels/{channel_id}/messages'. */
  route: string;
  majorParameter: string;
  rule: BucketRule;
}

export type RateLimitDecision =
  | { ok: true; headers: Record<string, string> }
  | {
      ok: false;
      scope: 'global' | 'user';
      headers: Record<string, string>;
      body: { message: string; retry_after: number; global: boolean };
    };

interface Window {
  start: number;
  count: number;
}

const secs = (ms: number): string => (Math.max(0, ms) / 1000).toFixed(3);

function current(map: Map<string, Window>, key: string, windowMs: number, now: number): Window {
  let window = map.get(key);
  if (!window || now >= window.start + windowMs) {
    window = { start: now, count: 0 };
    map.set(key, window);
  }
  return window;
}

function limited(scope: 'global' | 'user', retryMs: number, headers: Record<string, string>): RateLimitDecision {
  const retryAfter = Math.max(0.001, retryMs / 1000);
  return {
    ok: false,
    scope,
    // Discord sends whole seconds in the header and the precise float in the body.
    headers: { ...headers, 'Retry-After': String(Math.ceil(retryAfter)), 'X-RateLimit-Scope': scope },
    body: {
      message: 'You are being rate limited.',
      retry_after: Number(retryAfter.toFixed(3)),
      global: scope === 'global',
    },
  };
}

export function createRateLimiter(globalPerSecond: number): (req: RateLimitRequest, now?: number) => RateLimitDecision {
  const globals = new Map<string, Window>();
  const buckets = new Map<string, Window>();
  return (req, now = Date.now()) => {
    const global = req.globalKey === null ? null : current(globals, req.globalKey, 1000, now);
    if (global && global.count >= globalPerSecond) {
      return limited('global', global.start + 1000 - now, { 'X-RateLimit-Global': 'true' });
    }
    const bucket = current(buckets, `${req.route}|${req.majorParameter}`, req.rule.windowMs, now);
    const resetAt = bucket.start + req.rule.windowMs;
    const exhausted = bucket.count >= req.rule.limit;
    if (!exhausted) bucket.count += 1;
    const headers = {
      'X-RateLimit-Limit': String(req.rule.limit),
      'X-RateLimit-Remaining': String(req.rule.limit - bucket.count),
      'X-RateLimit-Reset': (resetAt / 1000).toFixed(3),
      'X-RateLimit-Reset-After': secs(resetAt - now),
      'X-RateLimit-Bucket': createHash('md5').update(req.route).digest('hex'),
    };
    if (exhausted) return limited('user', resetAt - now, headers);
    if (global) global.count += 1;
    return { ok: true, headers };
  };
}
