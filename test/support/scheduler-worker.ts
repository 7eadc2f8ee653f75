// A scheduler in a process of its own, for race tests: it claims and sends like the bot, and kills
// itself with SIGKILL right after Discord accepted its DIE_AFTER_SENDS-th message, before the row is
// recorded. Environment: DATABASE_URL, DISCORD_API_BASE, DISCORD_TOKEN, DISCORD_APP_ID,
// CLOCK_OFFSET_MS, DIE_AFTER_SENDS, LEASE_MS.
import { REST } from 'discord.js';
import { loadConfig } from '../../src/config.js';
import { createRestSender, type Sender } from '../../src/discord/sender.js';
import { createLogger } from '../../src/log.js';
import { defaultPlan } from '../../src/plan/default-plan.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { openPostgres } from '../../src/store/db.js';
import { createStore } from '../../src/store/index.js';

const env = process.env;
const loaded = loadConfig(env);
if (!loaded.ok) throw new Error(loaded.problems.join('; '));
const { config } = loaded;
const offsetMs = Number(env.CLOCK_OFFSET_MS ?? 0);
const dieAfter = Number(env.DIE_AFTER_SENDS ?? Number.POSITIVE_INFINITY);

const rest = new REST({ api: config.discordApiBase, globalRequestsPerSecond: 20_000 }).setToken(config.discordToken);
const real = createRestSender(rest);
let sends = 0;
const sender: Sender = {
  ...real,
  send: async (channelId, body, files) => {
    const message = await real.send(channelId, body, files);
    sends += 1;
    if (sends >= dieAfter) process.kill(process.pid, 'SIGKILL'); // Discord has it; the row never learns
    return message;
  },
};
const database = await openPostgres(config.databaseUrl ?? '', { max: 4 });
const ctx = {
  config,
  db: database.db,
  store: createStore({ db: database.db, plan: defaultPlan }),
  plan: defaultPlan,
  log: createLogger({ level: env.TEST_LOG ?? 'silent' }),
  sender,
  clock: () => new Date(Date.now() + offsetMs),
};
const scheduler = createScheduler(ctx, sender, { batchSize: 50, leaseMs: Number(env.LEASE_MS ?? 2_000) });
// A test that timed out before this worker reached DIE_AFTER_SENDS must not leave it running: it exits once
// its parent (the vitest worker) is gone, however that one ended.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(1);
}, 1_000).unref();
console.log('ready');
for (;;) {
  await scheduler.tick();
  await new Promise((resolve) => setTimeout(resolve, 100));
}
