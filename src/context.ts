import type { Config } from './config.js';
import type { Sender } from './discord/sender.js';
import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';
import type { Plan } from './plan/model.js';
import type { Db } from './store/db.js';
import type { Store } from './store/index.js';

/** Everything a handler or job needs, passed explicitly (STYLE.md: one context object, no DI container). */
export type Context = {
  config: Config;
  db: Db;
  store: Store;
  plan: Plan;
  log: Logger;
  /** Discord's outgoing port for deliveries (DMs, summaries), paced apart from interaction answers. */
  sender: Sender;
  /** The current instant; tests and the demo pass their own. */
  clock: () => Date;
  /** The app's Prometheus metrics; startApp makes them when the caller did not. */
  metrics?: Metrics;
};
