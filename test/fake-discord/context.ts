// Shared state handed to every route handler and to the gateway.

import type { InteractionRecord } from './interaction-record.js';
import type { BucketRule } from './ratelimit.js';
import type { DiscordErrorTree } from './spec-errors.js';
import type { World } from './state.js';

export interface FakeDiscordOptions {
  /** Requests per second per bot token before a global 429 (Discord: 50). */
  globalLimitPerSecond?: number;
  /** Time allowed between dispatch and the first interaction callback (Discord: 3 s). */
  interactionDeadlineMs?: number;
  /** How long interaction webhooks (edits, follow-ups) stay valid after the first response (15 min). */
  interactionTokenTtlMs?: number;
  /**
   * true (default): bodies Discord would reject, or keys outside Discord's schema, get 400/50035,
   * and fake.slashCommand refuses commands that were never registered.
   * false: violations are still recorded in stats.schemaViolations but the request proceeds, and
   * unregistered commands can be dispatched (options of registered ones are checked either way).
   */
  strict?: boolean;
  /** Override per-route bucket rules, keyed like stats.byRoute ('POST /channels/{channel_id}/messages'). */
  routeLimits?: Record<string, BucketRule>;
  /**
   * How long an enforce_nonce is remembered. Discord says only "a few minutes": the default, 60 s,
   * is the least favourable reading, and tests set it shorter than the bot's lease.
   */
  nonceWindowMs?: number;
  /** Gateway shards Discord requires and recommends (GET /gateway/bot); 1 by default. */
  shards?: number;
  /** Bot token; a random one by default. */
  token?: string;
  botName?: string;
}

export interface FakeStats {
  requests: number;
  /** Keyed 'METHOD /route/{template}'; unknown routes appear as 'METHOD <unknown> /path'. */
  byRoute: Record<string, number>;
  status429: { global: number; route: number };
  /** 4xx responses other than 429. */
  status4xx: number;
  schemaViolations: Array<{ route: string; error: string; errors: DiscordErrorTree }>;
  /** Payloads the fake itself sent that do not match the spec's response schemas (fake bugs). */
  responseViolations: Array<{ route: string; schema: string; error: string }>;
  unknownRoutes: string[];
  /** Message creates refused with 50007 because the recipient closed their DMs. */
  closedDmRejections: number;
  /** Exceptions thrown by the fake's handlers (500s): always a bug in the fake. */
  serverErrors: string[];
}

export function emptyStats(): FakeStats {
  return {
    requests: 0,
    byRoute: {},
    status429: { global: 0, route: 0 },
    status4xx: 0,
    schemaViolations: [],
    responseViolations: [],
    unknownRoutes: [],
    closedDmRejections: 0,
    serverErrors: [],
  };
}

export interface Context {
  world: World;
  stats: FakeStats;
  strict: boolean;
  interactionDeadlineMs: number;
  interactionTokenTtlMs: number;
  nonceWindowMs: number;
  shards: number;
  /** http://127.0.0.1:PORT (no /api) */
  origin: string;
  interactions: Map<string, InteractionRecord>;
  interactionsByToken: Map<string, InteractionRecord>;
  /** Routes made to fail on purpose (fake.failRequests), keyed like stats.byRoute: status and how many left. */
  faults: Map<string, { status: number; remaining: number }>;
  /** Sends a dispatch (op 0) to the sessions of the event's shard (a guild's, or shard 0). */
  dispatch(event: string, data: unknown): void;
}
