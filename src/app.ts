import type { Client } from 'discord.js';
import { commands } from '../commands/index.js';
import { startBot } from './bot.js';
import { streakRulesFor } from './coach/routine.js';
import type { Context } from './context.js';
import { registerAtStart } from './discord/register.js';
import { checkHealth } from './health.js';
import { type HttpServer, startHttpServer } from './http-server.js';
import { createMetrics, overdueAfterMs } from './metrics.js';
import { startJobs } from './scheduler/jobs.js';
import { createScheduler, type SchedulerOptions } from './scheduler/scheduler.js';
import { countDeliveryBacklog } from './store/delivery-backlog.js';
import { recomputeOutdatedStreaks } from './store/streaks.js';

export type App = Awaited<ReturnType<typeof startApp>>;

/** The running bot: Discord client, delivery scheduler and its minute ticker, and the HTTP_PORT server. */
export async function startApp(ctx: Context, options: { scheduler?: SchedulerOptions; ticker?: boolean } = {}) {
  const metrics = ctx.metrics ?? createMetrics();
  const appCtx: Context = { ...ctx, metrics };
  metrics.setBacklogSource(async () => {
    const now = ctx.clock();
    return countDeliveryBacklog(ctx.db, now, new Date(now.getTime() - overdueAfterMs)).catch((error: unknown) => {
      ctx.log.warn({ err: error }, 'could not read the delivery backlog for /metrics');
      throw error;
    });
  });
  if (ctx.sender.rest) metrics.observeRest(ctx.sender.rest, 'deliveries');
  // Served before login, so a port in use stops the start at once and /healthz says "not ready" meanwhile.
  let client: Client | undefined;
  let stopping = false;
  const http = await startOperatorServer(appCtx, () => client);
  const bot = await startBot(appCtx).catch(async (error: unknown) => {
    await http?.close();
    throw error;
  });
  client = bot.client;
  const registration = registerAtStart(appCtx, bot.client.rest, commands);
  const scheduler = createScheduler(appCtx, ctx.sender, options.scheduler);
  const jobs =
    options.ticker === false
      ? undefined
      : startJobs([{ name: 'deliveries', schedule: '* * * * *', run: () => scheduler.tick() }], ctx.log);
  const restreaking = recomputeOldStreaks(appCtx, () => stopping);
  // Catch up at once after a restart instead of waiting for the next minute.
  if (options.ticker !== false)
    void scheduler.tick().catch((error: unknown) => ctx.log.error({ err: error }, 'first tick failed'));
  return {
    bot,
    scheduler,
    metrics,
    http,
    /** Settles once the start-up registration of the slash commands has (or has not) gone through. */
    registration,
    /**
     * Shutdown order: stop claiming (at once), let in-flight sends finish and release the unsent
     * claimed rows, stop the ticker, close Discord (the caller closes the database).
     */
    stop: async () => {
      stopping = true;
      await Promise.all([scheduler.stop(), jobs?.stop(), restreaking]);
      await registration;
      await bot.stop();
      await http?.close();
    },
  };
}

async function startOperatorServer(ctx: Context, client: () => Client | undefined): Promise<HttpServer | undefined> {
  const { config, metrics, log } = ctx;
  if (config.httpPort === undefined || !metrics) return undefined;
  metrics.collectDefaults();
  const notReady = { ok: false, body: { status: 'unavailable', gateway: 'not ready', failed: ['gateway'] } };
  return startHttpServer({
    port: config.httpPort,
    metrics,
    log,
    health: async () => {
      const current = client();
      return current ? checkHealth(ctx.db, current) : notReady;
    },
  });
}

/**
 * Members whose stored streak predates the current streak rules (enrolled before freezes) are recomputed from
 * their history in the background; until then their nudge shows the streak as stored. Never fails the start.
 */
async function recomputeOldStreaks(ctx: Context, stopped: () => boolean): Promise<void> {
  try {
    const count = await recomputeOutdatedStreaks(ctx.db, streakRulesFor(ctx.plan), { stopped });
    if (count > 0) ctx.log.info({ count }, 'recomputed the streaks of members enrolled before the current rules');
  } catch (error) {
    ctx.log.warn({ err: error }, 'could not recompute outdated streaks; the next start tries again');
  }
}
