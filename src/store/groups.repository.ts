import { and, eq, gte } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { deliveries, studyGroups, type StudyGroup } from '../../schema/index.js';
import { groupSetupSchema, parseInput } from '../coach/inputs.js';
import { decideDue } from '../coach/schedule.js';
import { firstSummaryWeek, nextSummaryWeek } from '../coach/summary-schedule.js';
import { addDays, localDateOf, type LocalDate } from '../coach/time.js';
import type { Db } from './db.js';

export function createGroupsRepository({ db }: { db: Db }) {
  async function findByGuild(guildId: string): Promise<StudyGroup | undefined> {
    const [group] = await db.select().from(studyGroups).where(eq(studyGroups.guildId, guildId));
    return group;
  }

  async function findById(id: number): Promise<StudyGroup | undefined> {
    const [group] = await db.select().from(studyGroups).where(eq(studyGroups.id, id));
    return group;
  }

  /** Creates or changes a group's summary setup and replans its next summary in the same transaction. */
  async function configure(
    guildId: string,
    name: string,
    raw: Record<string, unknown>,
    now: Date,
  ): Promise<StudyGroup> {
    const input = parseInput(groupSetupSchema, raw);
    return db.transaction(async (tx) => {
      const [group] = await tx
        .insert(studyGroups)
        .values({ guildId, name, ...input })
        .onConflictDoUpdate({ target: studyGroups.guildId, set: { name, ...input } })
        .returning();
      if (!group) throw new Error('group upsert returned no row');
      await tx
        .delete(deliveries)
        .where(
          and(eq(deliveries.kind, 'summary'), eq(deliveries.subjectId, group.id), eq(deliveries.status, 'pending')),
        );
      await planNextSummary(tx, group, now);
      return group;
    });
  }

  return { findByGuild, findById, configure };
}

/**
 * Plans a group's next weekly summary: after a delivered week (`follow`) the following week, with
 * a week already past its grace window recorded as skipped; otherwise the first one ahead of now.
 */
export async function planNextSummary(
  tx: Db,
  group: StudyGroup,
  now: Date,
  follow?: { after: LocalDate; graceMs: number },
): Promise<void> {
  const { summaryWeekday: weekday, summaryTime: time, timeZone } = group;
  const rows = await tx
    .select({ localDate: deliveries.localDate })
    .from(deliveries)
    .where(
      and(
        eq(deliveries.kind, 'summary'),
        eq(deliveries.subjectId, group.id),
        gte(deliveries.localDate, addDays(localDateOf(now, timeZone), -21)),
      ),
    );
  let next = follow
    ? nextSummaryWeek(follow.after, weekday, time, timeZone)
    : firstSummaryWeek(now, weekday, time, timeZone, new Set(rows.map((r) => r.localDate)));
  const row = (plan: typeof next) => ({
    kind: 'summary' as const,
    subjectId: group.id,
    localDate: plan.weekStart,
    dueAt: plan.dueAt,
    nonce: randomBytes(9).toString('base64url'),
  });
  if (follow && decideDue(next.dueAt, now, follow.graceMs) === 'too_late') {
    await tx
      .insert(deliveries)
      .values({ ...row(next), status: 'skipped', outcome: 'too late: missed while the bot was down', finishedAt: now })
      .onConflictDoNothing();
    next = firstSummaryWeek(now, weekday, time, timeZone, new Set([...rows.map((r) => r.localDate), next.weekStart]));
  }
  await tx.insert(deliveries).values(row(next)).onConflictDoNothing();
}
