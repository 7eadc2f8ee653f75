import { startBot } from './bot.js';
import type { Context } from './context.js';
import { startJobs } from './scheduler/jobs.js';
import { createScheduler, type SchedulerOptions } from './scheduler/scheduler.js';

export type App = Awaited<ReturnType<typeof startApp>>;

/** The running bot: Discord client, delivery scheduler and its minute ticker. */
export async function startApp(ctx: Context, options: { scheduler?: SchedulerOptions; ticker?: boolean } = {}) {
  const bot = await startBot(ctx);
  const scheduler = createScheduler(ctx, ctx.sender, options.scheduler);
  const jobs =
    options.ticker === false
      ? undefined
      : startJobs([{ name: 'deliveries', schedule: '* * * * *', run: () => scheduler.tick() }], ctx.log);
  // Catch up at once after a restart instead of waiting for the next minute.
  if (options.ticker !== false)
    void scheduler.tick().catch((error: unknown) => ctx.log.error({ err: error }, 'first tick failed'));
  return {
    bot,
    scheduler,
    /**
     * Shutdown order: stop claiming (at once), let in-flight sends finish and release the unsent
     * claimed rows, stop the ticker, close Discord (the caller closes the database).
     */
    stop: async () => {
      await Promise.all([scheduler.stop(), jobs?.stop()]);
      await bot.stop();
    },
  };
}
