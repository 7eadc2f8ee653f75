import { and, count, eq, gt, isNotNull } from 'drizzle-orm';
import { deliveries, members } from '../../schema/index.js';
import { nudgeDueAt } from '../../src/coach/schedule.js';
import { localDateOf, localTimeOf } from '../../src/coach/time.js';
import type { Database } from '../../src/store/db.js';
import type { FakeDiscord } from '../fake-discord/index.js';

// Bursts of due nudges for tests that run the real entry point (`npm start`) against the fake Discord:
// members seeded straight into the database as /start leaves them (DM channel open), each with a
// nudge due this minute, and the checks on what came out.
const zones = ['America/New_York', 'Europe/London', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC'];

/** `total` members of `guildId` whose nudge is due now (the current minute); returns their user ids. */
export async function seedDueNudges(fake: FakeDiscord, database: Database, guildId: string, total: number) {
  const dueAt = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const users: string[] = [];
  for (let from = 0; from < total; from += 1_000) {
    const rows = Array.from({ length: Math.min(1_000, total - from) }, (_, i) => {
      const user = fake.addUser();
      fake.addMember(guildId, user.id);
      users.push(user.id);
      const timeZone = zones[(from + i) % zones.length] ?? 'UTC';
      return {
        discordUserId: user.id,
        timeZone,
        nudgeTime: localTimeOf(dueAt, timeZone),
        planStartDate: '2026-01-05',
        dmChannelId: fake.seedDmChannel(user.id),
        needsNudgePlan: false,
      };
    });
    const inserted = await database.db.insert(members).values(rows).returning();
    await database.db.insert(deliveries).values(
      inserted.map((m) => {
        const localDate = localDateOf(dueAt, m.timeZone);
        return {
          kind: 'nudge' as const,
          subjectId: m.id,
          localDate,
          dueAt: nudgeDueAt(localDate, m.nudgeTime, m.timeZone),
          nonce: `burst${m.id}`,
        };
      }),
    );
  }
  return { users, dueAt };
}

/** Nudge messages per user (their DM channel), counted from the fake's record. */
export function nudgesPerUser(fake: FakeDiscord, users: string[]): number[] {
  const byChannel = new Map<string, number>();
  for (const message of fake.messages())
    byChannel.set(message.channel_id, (byChannel.get(message.channel_id) ?? 0) + 1);
  return users.map((userId) => byChannel.get(fake.dmChannelOf(userId) ?? 'none') ?? 0);
}

/** Delivery rows of `dueAt` in each state that matters here. */
export async function burstRows(database: Database, dueAt: Date) {
  const at = eq(deliveries.dueAt, dueAt);
  const n = async (where: ReturnType<typeof and>) =>
    (await database.db.select({ n: count() }).from(deliveries).where(where))[0]?.n ?? -1;
  return {
    sent: await n(and(at, eq(deliveries.status, 'sent'))),
    pending: await n(and(at, eq(deliveries.status, 'pending'))),
    leased: await n(and(at, eq(deliveries.status, 'pending'), isNotNull(deliveries.leaseUntil))),
    leasedAhead: await n(and(at, eq(deliveries.status, 'pending'), gt(deliveries.leaseUntil, new Date()))),
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every 100 ms until it holds; throws `what` after `timeoutMs`. */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}
