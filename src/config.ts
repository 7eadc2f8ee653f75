import { existsSync } from 'node:fs';
import { z } from 'zod';

// The only module that reads process.env; everything else receives a Config.
const snowflake = z
  .string({ error: 'is required: a Discord snowflake (17–20 digits)' })
  .regex(/^\d{17,20}$/, 'must be a Discord snowflake (17–20 digits)');
const hours = (fallback: number) => z.coerce.number().min(0).max(48).default(fallback);
const seconds = (fallback: number) => z.coerce.number().min(1).max(3600).default(fallback);

const shardsError = "must be 'auto' or 1 to 1000";

const envSchema = z.object({
  DISCORD_TOKEN: z
    .string({ error: 'is required: the bot token from the Discord developer portal' })
    .min(1, 'is required: the bot token from the Discord developer portal'),
  DISCORD_APP_ID: z
    .string({ error: 'is required: the application id from the Discord developer portal' })
    .pipe(snowflake),
  DISCORD_API_BASE: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  DEV_GUILD_ID: snowflake.optional(),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  CHECKIN_GRACE_HOURS: hours(12),
  NUDGE_GRACE_HOURS: hours(3),
  SUMMARY_GRACE_HOURS: hours(12),
  // Discord's 50 requests/s is per bot across all processes: with N processes, give each 50/N.
  // Behind one `npm run proxy` (DISCORD_API_BASE) the proxy holds the limit: leave this at 50 there.
  DISCORD_REQUESTS_PER_SECOND: z.coerce.number().int().min(1).max(50).default(50),
  // Gateway shards run by this process: 'auto' asks Discord (GET /gateway/bot) how many it recommends.
  SHARD_COUNT: z
    .union([z.literal('auto'), z.coerce.number().int(shardsError).min(1, shardsError).max(1_000, shardsError)], {
      error: shardsError,
    })
    .default('auto'),
  // `npm run proxy` listens here (the bots' DISCORD_API_BASE is then http://HOST:PROXY_PORT/api).
  PROXY_PORT: z.coerce.number().int().min(1).max(65_535).default(8080),
  // Discord drops an interaction not acknowledged within 3 s: work still running after this is deferred.
  INTERACTION_DEFER_MS: z.coerce.number().int().min(0).max(2_500).default(1_500),
  // How long start-up keeps retrying a database or a Discord that does not answer before it gives up.
  DATABASE_CONNECT_TIMEOUT_SECONDS: seconds(30),
  DISCORD_CONNECT_TIMEOUT_SECONDS: seconds(30),
  // Serves /healthz and /metrics when set (0: any free port, logged at start).
  HTTP_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
});

/** Every variable the bot reads (compose.yaml and .env.example may name no other). */
export const configKeys = Object.keys(envSchema.shape) as ReadonlyArray<keyof typeof envSchema.shape>;

export type Config = {
  discordToken: string;
  discordAppId: string;
  discordApiBase: string | undefined;
  devGuildId: string | undefined;
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  development: boolean;
  checkinGraceHours: number;
  nudgeGraceHours: number;
  summaryGraceHours: number;
  requestsPerSecond: number;
  shardCount: number | 'auto';
  interactionDeferMs: number;
  databaseConnectTimeoutSeconds: number;
  discordConnectTimeoutSeconds: number;
  httpPort: number | undefined;
};

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** Parses the environment once; each problem is one readable line naming the key (never its value). */
export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  // Empty strings (from a copied .env.example) mean "not set".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    return { ok: false, problems };
  }
  const e = parsed.data;
  return {
    ok: true,
    config: {
      discordToken: e.DISCORD_TOKEN,
      discordAppId: e.DISCORD_APP_ID,
      discordApiBase: e.DISCORD_API_BASE,
      devGuildId: e.DEV_GUILD_ID,
      databaseUrl: e.DATABASE_URL,
      dataDir: e.DATA_DIR,
      logLevel: e.LOG_LEVEL,
      development: e.NODE_ENV === 'development',
      checkinGraceHours: e.CHECKIN_GRACE_HOURS,
      nudgeGraceHours: e.NUDGE_GRACE_HOURS,
      summaryGraceHours: e.SUMMARY_GRACE_HOURS,
      requestsPerSecond: e.DISCORD_REQUESTS_PER_SECOND,
      shardCount: e.SHARD_COUNT,
      interactionDeferMs: e.INTERACTION_DEFER_MS,
      databaseConnectTimeoutSeconds: e.DATABASE_CONNECT_TIMEOUT_SECONDS,
      discordConnectTimeoutSeconds: e.DISCORD_CONNECT_TIMEOUT_SECONDS,
      httpPort: e.HTTP_PORT,
    },
  };
}

/** DATA_DIR and DATABASE_URL only: what `npm run db:backup` and `db:restore` need (no token). */
export function loadStorageConfig(
  env: Record<string, string | undefined>,
): { ok: true; dataDir: string; databaseUrl: string | undefined } | { ok: false; problems: string[] } {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.pick({ DATA_DIR: true, DATABASE_URL: true }).safeParse(cleaned);
  if (!parsed.success)
    return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) };
  return { ok: true, dataDir: parsed.data.DATA_DIR, databaseUrl: parsed.data.DATABASE_URL };
}

export type ProxyConfig = {
  port: number;
  upstream: string | undefined;
  requestsPerSecond: number;
  logLevel: Config['logLevel'];
  development: boolean;
};

/** What `npm run proxy` needs: no token (each bot sends its own) and no database. */
export function loadProxyConfig(
  env: Record<string, string | undefined>,
): { ok: true; config: ProxyConfig } | { ok: false; problems: string[] } {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const keys = { PROXY_PORT: true, DISCORD_API_BASE: true, DISCORD_REQUESTS_PER_SECOND: true } as const;
  const parsed = envSchema.pick({ ...keys, LOG_LEVEL: true, NODE_ENV: true }).safeParse(cleaned);
  if (!parsed.success)
    return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) };
  const e = parsed.data;
  return {
    ok: true,
    config: {
      port: e.PROXY_PORT,
      upstream: e.DISCORD_API_BASE,
      requestsPerSecond: e.DISCORD_REQUESTS_PER_SECOND,
      logLevel: e.LOG_LEVEL,
      development: e.NODE_ENV === 'development',
    },
  };
}

/** The process environment, with `.env` loaded first when there is one (values already set win). */
export function readEnvironment(envFile = '.env'): Record<string, string | undefined> {
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return process.env;
}
