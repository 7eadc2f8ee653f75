import { sql } from 'drizzle-orm';
import { loadConfig } from '../../src/config.js';
import type { Context } from '../../src/context.js';
import type { Sender } from '../../src/discord/sender.js';
import { createLogger } from '../../src/log.js';
import { defaultPlan } from '../../src/plan/default-plan.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { openPostgres } from '../../src/store/db.js';
import { createStore } from '../../src/store/index.js';
import { createThrowawayDatabase } from '../support/db.js';

export type IdleTickResult = {
  members: number;
  seed_s: number;
  tick_ms_median: number;
  ticks: number;
  /** The access paths Postgres chose for the tick's two reads (EXPLAIN), to show no full scan. */
  plans: { claim: string; flagged: string };
};

// Nothing is due in the benchmark: a send would be a bug in the seed, not a figure.
const noSender: Sender = {
  send: () => Promise.reject(new Error('idle tick bench: nothing should be sent')),
  openDm: () => Promise.reject(new Error('idle tick bench: nothing should be sent')),
  recent: () => Promise.reject(new Error('idle tick bench: nothing should be sent')),
};

/**
 * Members enrolled with their next nudge planned tomorrow and one sent nudge of history each, seeded
 * with one INSERT ... SELECT generate_series per table (not through Discord), then scheduler ticks with
 * nothing due. Each size grows the same throwaway Postgres database, so 1M reuses the first 100k.
 */
export async function benchIdleTick(sizes: number[], ticks = 7): Promise<IdleTickResult[]> {
  const throwaway = await createThrowawayDatabase();
  const database = await openPostgres(throwaway.url, { statementTimeoutMs: 0 }); // seeding 1M rows takes a while
  const loaded = loadConfig({ DISCORD_TOKEN: 'bench', DISCORD_APP_ID: '100000000000000000' });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const now = new Date();
  const ctx: Context = {
    config: loaded.config,
    db: database.db,
    store: createStore({ db: database.db, plan: defaultPlan }),
    plan: defaultPlan,
    log: createLogger({ level: 'warn' }),
    sender: noSender,
    clock: () => now,
  };
  const scheduler = createScheduler(ctx, noSender);
  const results: IdleTickResult[] = [];
  let seeded = 0;
  try {
    for (const size of sizes) {
      const started = performance.now();
      await seed(ctx, seeded + 1, size, now);
      seeded = size;
      const seedS = Math.round((performance.now() - started) / 100) / 10;
      const times: number[] = [];
      for (let i = 0; i < ticks; i += 1) {
        const t0 = performance.now();
        const result = await scheduler.tick();
        times.push(performance.now() - t0);
        if (Object.keys(result.outcomes).length > 0) throw new Error(`idle tick delivered ${JSON.stringify(result)}`);
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)] ?? Number.NaN;
      const plans = await explainTick(ctx, now);
      results.push({ members: size, seed_s: seedS, tick_ms_median: Math.round(median * 10) / 10, ticks, plans });
    }
    return results;
  } finally {
    await scheduler.stop();
    await database.close();
    await throwaway.drop();
  }
}

async function seed(ctx: Context, from: number, to: number, now: Date): Promise<void> {
  const tomorrow = new Date(now.getTime() + 86_400_000);
  const yesterday = new Date(now.getTime() - 86_400_000);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const [before, after] = [yesterday.toISOString(), tomorrow.toISOString()];
  // Enrolled members are unflagged (their nudge is planned below): as /start leaves them.
  await ctx.db.execute(sql`insert into members
    (discord_user_id, time_zone, nudge_time, plan_start_date, needs_nudge_plan)
    select (100000000000000000 + g)::text, 'UTC', '08:00', '2026-01-05', false
    from generate_series(${from}::int, ${to}::int) g`);
  await ctx.db.execute(sql`insert into deliveries (kind, subject_id, local_date, due_at, status, nonce, finished_at)
    select 'nudge', m.id, d.local_date, d.due_at, d.status, 'b' || m.id || d.status, d.finished_at
    from members m cross join (values
      (${day(yesterday)}::date, ${before}::timestamptz, 'sent', ${before}::timestamptz),
      (${day(tomorrow)}::date, ${after}::timestamptz, 'pending', null)
    ) as d(local_date, due_at, status, finished_at)
    where m.id between ${from} and ${to}`);
  await ctx.db.execute(sql`analyze`);
}

// The same shapes as claimDue's inner select and planMissingNudges' read; the scan lines of each plan.
async function explainTick(ctx: Context, now: Date): Promise<IdleTickResult['plans']> {
  const scans = async (query: ReturnType<typeof sql>) => {
    const result = (await ctx.db.execute(query)) as unknown as { rows?: unknown[] } | unknown[];
    const rows = (Array.isArray(result) ? result : (result.rows ?? [])) as Array<Record<string, string>>;
    return rows
      .map((row) => Object.values(row)[0] ?? '')
      .filter((line) => /Scan/.test(line))
      .map((line) => line.trim().replace(/\s+\(cost.*$/, ''))
      .join('; ');
  };
  return {
    claim: await scans(sql`explain select id from deliveries where status = 'pending' and due_at <= ${now.toISOString()}
      and (lease_until is null or lease_until < ${now.toISOString()}) order by due_at limit 50 for update skip locked`),
    flagged: await scans(sql`explain select id from members where needs_nudge_plan and id > 0 order by id limit 500`),
  };
}
