import { and, eq, gte } from 'drizzle-orm';
import { deliveries, type StudyGroup, studyGroups } from '../../schema/index.js';
import { groupSetupSchema, parseInput } from '../coach/inputs.js';
import { planSummaryWeeks, type SummaryWeek, summaryLookbackDays } from '../coach/summary-schedule.js';
import { addDays, type LocalDate, localDateOf } from '../coach/time.js';
import type { Db } from './db.js';
import { missedOutcome, newNonce } from './deliveries.repository.js';

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

/** Writes a group's next weekly summary row (and a missed week, if any) as `planSummaryWeeks` decides. */
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
        gte(deliveries.localDate, addDays(localDateOf(now, timeZone), -summaryLookbackDays)),
      ),
    );
  const taken = new Set(rows.map((r) => r.localDate));
  const plan = planSummaryWeeks(now, { weekday, time, timeZone }, taken, follow);
  const row = (week: SummaryWeek) => ({
    kind: 'summary' as const,
    subjectId: group.id,
    localDate: week.weekStart,
    dueAt: week.dueAt,
    nonce: newNonce(),
  });
  if (plan.missed) {
    const missed = { ...row(plan.missed), status: 'skipped' as const, outcome: missedOutcome, finishedAt: now };
    await tx.insert(deliveries).values(missed).onConflictDoNothing();
  }
  await tx.insert(deliveries).values(row(plan.next)).onConflictDoNothing();
}
