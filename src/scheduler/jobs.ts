import cron from 'node-cron';
import type { Logger } from '../log.js';

/** A job is a row: name, cron schedule, run (STYLE.md). The database holds what is due, so a restart loses nothing. */
export type Job = { name: string; schedule: string; run: () => Promise<unknown> };

/** node-cron is only the ticker: one task per job, never one per member. */
export function startJobs(jobs: readonly Job[], log: Logger): { stop: () => Promise<void> } {
  const tasks = jobs.map((job) =>
    cron.schedule(
      job.schedule,
      async () => {
        try {
          await job.run();
        } catch (error) {
          log.error({ err: error, job: job.name }, 'job failed');
        }
      },
      { name: job.name, noOverlap: true },
    ),
  );
  return {
    stop: async () => {
      for (const task of tasks) await task.stop();
      for (const task of tasks) await task.destroy();
    },
  };
}
