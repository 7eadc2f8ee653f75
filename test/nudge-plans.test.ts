import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { deliveries, members } from '../schema/index.js';
import { backends, useStore } from './support/db.js';

// The minute tick plans nudges only for flagged members (members.needs_nudge_plan, kept by a trigger on
// deliveries): these cases check that every way a member can lose their pending nudge gets them planned.
let nextUser = 200_000_000_000_000_000n;
const newUserId = () => {
  nextUser += 1n;
  return String(nextUser);
};
const enrollment = { timeZone: 'Europe/Berlin', nudgeTime: '07:30', planStartDate: '2026-06-01' };
const now = new Date('2026-06-01T04:00:00Z'); // 06:00 in Berlin: today's 07:30 nudge is still ahead

describe.each(backends)('planning missing nudges on $name', (backend) => {
  const t = useStore(backend);
  const enroll = async () => (await t.store.members.enroll(newUserId(), enrollment, now)).member;
  const pendingNudges = (memberId: number) =>
    t.database.db
      .select({ localDate: deliveries.localDate, dueAt: deliveries.dueAt })
      .from(deliveries)
      .where(and(eq(deliveries.kind, 'nudge'), eq(deliveries.subjectId, memberId), eq(deliveries.status, 'pending')));
  const flagOf = async (memberId: number) =>
    (await t.database.db.select({ flag: members.needsNudgePlan }).from(members).where(eq(members.id, memberId)))[0]
      ?.flag;
  const tick = () => t.store.nudgePlans.planMissingNudges(now);

  it('enrolling plans the first nudge and leaves the member unflagged, so an idle tick plans nobody', async () => {
    const member = await enroll();
    expect(await pendingNudges(member.id)).toEqual([
      { localDate: '2026-06-01', dueAt: new Date('2026-06-01T05:30:00Z') },
    ]);
    expect(await flagOf(member.id)).toBe(false);
    await tick(); // whatever other cases left behind
    expect(await tick()).toBe(0);
  });

  it('a member whose pending nudge row was deleted is flagged and planned again by the next tick', async () => {
    const member = await enroll();
    await t.database.db.delete(deliveries).where(eq(deliveries.subjectId, member.id));
    expect(await flagOf(member.id)).toBe(true);
    expect(await tick()).toBe(1);
    expect(await pendingNudges(member.id)).toEqual([
      { localDate: '2026-06-01', dueAt: new Date('2026-06-01T05:30:00Z') },
    ]);
    expect(await flagOf(member.id)).toBe(false);
  });

  it('a pending nudge finished without planning the next (a crash between steps) is planned by the tick', async () => {
    const member = await enroll();
    await t.database.db
      .update(deliveries)
      .set({ status: 'sent', outcome: 'sent', finishedAt: now })
      .where(and(eq(deliveries.subjectId, member.id), eq(deliveries.status, 'pending')));
    expect(await tick()).toBe(1);
    expect((await pendingNudges(member.id)).map((row) => row.localDate)).toEqual(['2026-06-02']);
  });

  it("skipping today cancels today's nudge, and the tick plans tomorrow's", async () => {
    const member = await enroll();
    await t.store.deliveries.skipDay(member.id, '2026-06-01', now);
    expect(await pendingNudges(member.id)).toEqual([]);
    expect(await tick()).toBe(1);
    expect((await pendingNudges(member.id)).map((row) => row.localDate)).toEqual(['2026-06-02']);
  });

  it('a member row written without any nudge (by an older version or by hand) is planned', async () => {
    const [member] = await t.database.db
      .insert(members)
      .values({ discordUserId: newUserId(), ...enrollment })
      .returning();
    expect(await tick()).toBe(1);
    expect((await pendingNudges(member!.id)).map((row) => row.localDate)).toEqual(['2026-06-01']);
  });

  it('a flagged member who still has a pending nudge is unflagged, not given a second one', async () => {
    const member = await enroll();
    await t.database.db.execute(sql`update members set needs_nudge_plan = true where id = ${member.id}`);
    expect(await tick()).toBe(0);
    expect(await pendingNudges(member.id)).toHaveLength(1);
    expect(await flagOf(member.id)).toBe(false);
  });

  it('two ticks planning the same 300 unplanned members at once give each exactly one nudge', async () => {
    const rows = Array.from({ length: 300 }, () => ({ discordUserId: newUserId(), ...enrollment }));
    const inserted = await t.database.db.insert(members).values(rows).returning({ id: members.id });
    const [a, b] = await Promise.all([tick(), tick()]);
    expect((a ?? 0) + (b ?? 0)).toBe(300);
    for (const { id } of inserted.slice(0, 20)) expect(await pendingNudges(id)).toHaveLength(1);
    const [{ n } = { n: -1 }] = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(members)
      .where(eq(members.needsNudgePlan, true));
    expect(n).toBe(0);
  });
});
