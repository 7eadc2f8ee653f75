import type { Delivery } from '../../schema/index.js';
import type { Context } from '../context.js';
import type { Sender } from '../discord/sender.js';
import { deliverEvening } from './evening.js';
import { deliverNudge } from './nudges.js';
import { createSendGate, NotStarted } from './send-gate.js';
import { deliverSummary } from './summaries.js';

export type SchedulerOptions = {
  /** Rows claimed per statement; they are sent concurrently and @discordjs/rest paces them. */
  batchSize?: number;
  /**
   * How long a claim is exclusive. It is renewed every third of it while the row is being sent, so it
   * can be short: a process that dies mid-send loses its rows quickly, and whoever claims them next
   * looks in the channel before sending again (DESIGN.md: exactly-once must not lean on the nonce).
   */
  leaseMs?: number;
  /** Requests handed to the REST client at once (default: one second of DISCORD_REQUESTS_PER_SECOND). */
  sendsInFlight?: number;
};
export type TickResult = { planned: number; outcomes: Record<string, number> };
export type DeliveryHandler = (delivery: Delivery, ctx: Context, sender: Sender, now: Date) => Promise<string>;

/**
 * One tick claims and delivers everything that is due, batch after batch. Any number of
 * schedulers (processes) may tick at once against one Postgres: claims never overlap.
 */
export function createScheduler(
  ctx: Context,
  sender: Sender,
  options: SchedulerOptions = {},
  handlers: Partial<Record<Delivery['kind'], DeliveryHandler>> = {},
) {
  const batchSize = options.batchSize ?? 50;
  const leaseMs = options.leaseMs ?? 30_000;
  const handle: Record<Delivery['kind'], DeliveryHandler | undefined> = {
    nudge: deliverNudge,
    snooze: deliverNudge,
    evening: deliverEvening,
    summary: deliverSummary,
    ...handlers,
  };
  const gate = createSendGate(options.sendsInFlight ?? ctx.config.requestsPerSecond);
  let stopping = false;
  let running: Promise<TickResult> | undefined;

  async function runTick(): Promise<TickResult> {
    const log = ctx.log.child({ job: 'deliveries' });
    const planned = await ctx.store.nudgePlans.planMissingNudges(ctx.clock());
    const outcomes: Record<string, number> = {};
    // Two lanes claim and send side by side, so the REST queue never idles while one lane waits
    // for its batch's slowest send or for its next claim (claims never overlap: SKIP LOCKED).
    const lane = async () => {
      while (!stopping) {
        const now = ctx.clock();
        const batch = await ctx.store.deliveries.claimDue(now, batchSize, leaseMs);
        if (batch.length === 0) return;
        for (const delivery of batch) ctx.metrics?.deliveryClaimed(delivery.dueAt, now);
        const inFlight = new Map(batch.map((delivery) => [delivery.id, delivery]));
        const renewal = setInterval(() => void renewLeases([...inFlight.values()], log), leaseMs / 3);
        const results = await Promise.all(
          batch.map((delivery) =>
            deliverOne(delivery, now)
              .catch((error: unknown) => {
                if (error instanceof NotStarted) return 'released';
                log.error(
                  { err: error, deliveryId: delivery.id },
                  'delivery crashed; its lease will expire and it is retried',
                );
                return 'crashed';
              })
              .then((outcome) => {
                ctx.metrics?.deliveryHandled(delivery.kind, outcome);
                return outcome;
              })
              .finally(() => inFlight.delete(delivery.id)),
          ),
        );
        clearInterval(renewal);
        for (const result of results) outcomes[result] = (outcomes[result] ?? 0) + 1;
      }
    };
    await Promise.all([lane(), lane()]);
    if (planned > 0 || Object.keys(outcomes).length > 0) log.info({ planned, outcomes }, 'deliveries tick');
    return { planned, outcomes };
  }

  async function renewLeases(claims: Delivery[], log: Context['log']): Promise<void> {
    await ctx.store.deliveries
      .renew(claims, new Date(ctx.clock().getTime() + leaseMs))
      .catch((error: unknown) => log.warn({ err: error }, 'could not renew delivery leases'));
  }

  async function deliverOne(delivery: Delivery, now: Date): Promise<string> {
    const handler = handle[delivery.kind];
    if (!handler) throw new Error(`no handler for ${delivery.kind}`);
    const gated = gate.forDelivery(sender);
    try {
      return await handler(delivery, ctx, gated.sender, now);
    } catch (error) {
      // Stopping: what did not reach Discord goes back at once, for another process to send now.
      if (error instanceof NotStarted) await ctx.store.deliveries.unclaim(delivery, !gated.messageStarted());
      throw error;
    }
  }

  return {
    /** Runs one tick; a tick already running is joined rather than doubled. */
    tick(): Promise<TickResult> {
      running ??= runTick().finally(() => {
        running = undefined;
      });
      return running;
    },
    /**
     * Stops claiming at once, lets the requests already handed to Discord finish, and releases the
     * claimed rows that were not sent (claimable at once elsewhere); resolves when the tick is over.
     */
    async stop(): Promise<void> {
      stopping = true;
      gate.close();
      const result = await running?.catch(() => undefined);
      if (result?.outcomes.released) ctx.log.info({ released: result.outcomes.released }, 'released unsent deliveries');
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
