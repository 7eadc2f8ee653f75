import { type REST, RESTEvents } from 'discord.js';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Pending deliveries whose time has come, and those of them still waiting after `overdueAfterMs`. */
export type Backlog = { due: number; overdue: number };
export type BacklogSource = () => Promise<Backlog>;

/** A pending delivery this long past its due time means the scheduler is behind (it ticks every minute). */
export const overdueAfterMs = 5 * 60_000;

/**
 * The bot's Prometheus metrics, one registry per running app (several bots share a process in
 * tests, and prom-client's global registry would mix them). Served at /metrics (src/http-server.ts).
 */
export function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  let backlogSource: BacklogSource | undefined;
  let reading: Promise<Backlog | undefined> | undefined;
  // Both backlog gauges are collected in the same scrape: one query serves them.
  const readBacklog = () => {
    reading ??= (backlogSource?.() ?? Promise.resolve(undefined))
      .catch(() => undefined) // a database that does not answer leaves the gauges as they were
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };
  const deliveries = new Counter({
    name: 'career_coach_deliveries_total',
    help:
      'Nudges, snoozes, evening saves and weekly summaries handled, by kind and outcome ' +
      '(sent, skipped, retry, failed…)',
    labelNames: ['kind', 'outcome'] as const,
    registers,
  });
  const claimLag = new Histogram({
    name: 'career_coach_delivery_claim_lag_seconds',
    help: 'How long after its due time a delivery was claimed for sending',
    buckets: [1, 5, 15, 30, 60, 90, 120, 300, 900, 3600, 10_800],
    registers,
  });
  const backlogGauge = (name: string, help: string, pick: (backlog: Backlog) => number) =>
    new Gauge({
      name,
      help: `${help} (read at scrape time)`,
      registers,
      async collect() {
        const backlog = await readBacklog();
        if (backlog) this.set(pick(backlog));
      },
    });
  backlogGauge('career_coach_deliveries_due', 'Pending deliveries whose due time has passed', (b) => b.due);
  backlogGauge(
    'career_coach_deliveries_overdue',
    `Pending deliveries more than ${overdueAfterMs / 60_000} minutes past their due time`,
    (b) => b.overdue,
  );
  const interactions = new Counter({
    name: 'career_coach_interactions_total',
    help: 'Interactions answered, by command (or component) and outcome',
    labelNames: ['command', 'outcome'] as const,
    registers,
  });
  const interactionSeconds = new Histogram({
    name: 'career_coach_interaction_duration_seconds',
    help: 'From receiving an interaction to its answer (Discord drops one not acknowledged within 3 s)',
    labelNames: ['command'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 1.5, 2, 2.5, 3, 5, 9, 10],
    registers,
  });
  const rest429 = new Counter({
    name: 'career_coach_discord_rest_429_total',
    help: 'Discord REST 429 answers, by client (interactions or deliveries) and scope (global, user, shared)',
    labelNames: ['client', 'scope'] as const,
    registers,
  });
  const restWaits = new Counter({
    name: 'career_coach_discord_rest_rate_limit_waits_total',
    help: 'Requests that @discordjs/rest held back to stay within a known rate limit, by client and global or route',
    labelNames: ['client', 'limit'] as const,
    registers,
  });
  let defaults = false;

  return {
    registry,
    /** Where the backlog gauges read from (the database), set once the app has one. */
    setBacklogSource(source: BacklogSource) {
      backlogSource = source;
    },
    /** Node's process metrics (CPU, memory, event loop lag, GC); only for a registry that is served. */
    collectDefaults() {
      if (!defaults) collectDefaultMetrics({ register: registry });
      defaults = true;
    },
    deliveryClaimed(dueAt: Date, now: Date) {
      claimLag.observe(Math.max(0, now.getTime() - dueAt.getTime()) / 1000);
    },
    deliveryHandled(kind: string, outcome: string) {
      deliveries.inc({ kind, outcome });
    },
    interactionAnswered(command: string, outcome: string, seconds: number) {
      interactions.inc({ command, outcome });
      interactionSeconds.observe({ command }, seconds);
    },
    /** Counts the 429s and rate-limit waits of one REST client (the gateway client's, or the deliveries'). */
    observeRest(rest: REST, client: 'interactions' | 'deliveries') {
      rest.on(RESTEvents.Response, (_request, response) => {
        if (response.status !== 429) return;
        rest429.inc({ client, scope: response.headers.get('x-ratelimit-scope') ?? 'unknown' });
      });
      rest.on(RESTEvents.RateLimited, (info) => restWaits.inc({ client, limit: info.global ? 'global' : 'route' }));
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
