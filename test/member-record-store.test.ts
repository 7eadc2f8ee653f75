import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { deliveries } from '../schema/index.js';
import { UserFacingError } from '../src/coach/errors.js';
import { planNextNudge } from '../src/store/deliveries.repository.js';
import { backends, useStore } from './support/db.js';
import { rowsNamingMember } from './support/member-rows.js';

// The history, export and forget repositories, on embedded PGlite and on a real Postgres.
let nextUser = 300_000_000_000_000_000n;
const newUserId = () => String(++nextUser);
let nextInteraction = 800_000_000_000_000_000n;
const newInteractionId = () => String(++nextInteraction);
const enrollment = { timeZone: 'Europe/Berlin', nudgeTime: '07:30', planStartDate: '2026-05-25' };
const wednesday = new Date('2026-05-27T10:00:00Z');

describe.each(backends)('member record on $name', (backend) => {
  const t = useStore(backend);
  const enroll = async () => {
    const userId = newUserId();
    const { member } = await t.store.members.enroll(userId, enrollment, wednesday, { guildId: '400000000000000009' });
    return { userId, memberId: member.id };
  };
  const checkin = async (memberId: number, localDate: string, extra: Record<string, unknown> = {}) =>
    (
      await t.store.checkins.record(memberId, {
        localDate,
        activity: 'coding',
        minutes: 60,
        sourceInteractionId: newInteractionId(),
        ...extra,
      })
    ).checkin;

  it('edits and deletes in one transaction with the streak, and refuses bad minutes writing nothing', async () => {
    const { memberId } = await enroll();
    const [mon, tue, wed] = [
      await checkin(memberId, '2026-05-25'),
      await checkin(memberId, '2026-05-26'),
      await checkin(memberId, '2026-05-27'),
    ];
    const edited = await t.store.history.edit(memberId, tue.id, { minutes: 30, note: 'short' }, wednesday);
    expect(edited.checkin).toMatchObject({ minutes: 30, note: 'short', link: null });
    expect(edited.streak).toMatchObject({ current: 3, best: 3 });
    await expect(t.store.history.edit(memberId, tue.id, { minutes: 0 }, wednesday)).rejects.toThrow(
      'minutes: must be at least 1',
    );
    await expect(t.store.history.edit(memberId, tue.id, { minutes: 30, link: 'ftp://x' }, wednesday)).rejects.toThrow(
      UserFacingError,
    );
    const removed = await t.store.history.remove(memberId, tue.id, wednesday);
    expect(removed.streak).toEqual({ current: 1, best: 1, lastDate: '2026-05-27', freezes: 0 });
    expect(await t.store.checkins.readStreak(memberId)).toEqual(removed.streak);
    expect((await t.store.checkins.listForMember(memberId)).map((c) => c.id)).toEqual([mon.id, wed.id]);
    await expect(t.store.history.remove(memberId, tue.id, wednesday)).rejects.toThrow('no longer exists');
  });

  it("refuses another member's entry and one older than 14 local days", async () => {
    const alice = await enroll();
    const bob = await enroll();
    const entry = await checkin(alice.memberId, '2026-05-25');
    await expect(t.store.history.remove(bob.memberId, entry.id, wednesday)).rejects.toThrow('not yours');
    const lastDay = new Date('2026-06-07T21:59:00Z'); // 23:59 in Berlin: the 14th day back is 2026-05-25
    expect((await t.store.history.editable(alice.memberId, entry.id, lastDay)).id).toBe(entry.id);
    const tooLate = new Date('2026-06-07T22:00:00Z');
    await expect(t.store.history.edit(alice.memberId, entry.id, { minutes: 5 }, tooLate)).rejects.toThrow(
      'entries older than 14 days cannot be changed',
    );
    expect((await t.store.checkins.listForMember(alice.memberId))[0]?.minutes).toBe(60);
  });

  it('exports every row that names the member and forgets them all in one go, once', async () => {
    const alice = await enroll();
    const bob = await enroll();
    await checkin(alice.memberId, '2026-05-26', { milestone: 'p1-skill-dsa' });
    await checkin(bob.memberId, '2026-05-26');
    await t.store.members.pause(alice.memberId, '2026-06-03');
    const exported = await t.store.memberData.exportData(alice.memberId);
    expect(exported?.member).toMatchObject({ id: alice.memberId, discord_user_id: alice.userId });
    expect(Object.fromEntries(Object.entries(exported?.tables ?? {}).map(([k, v]) => [k, v.length]))).toMatchObject({
      checkins: 1,
      milestones_done: 1,
      member_pauses: 1,
      group_members: 1,
      deliveries: 1,
    });
    const bobBefore = await rowsNamingMember(t.database.db, bob.memberId, bob.userId);
    expect(await t.store.memberData.forget(bob.userId, alice.memberId)).toBeUndefined(); // not Bob's to forget
    expect(await t.store.memberData.forget(alice.userId, alice.memberId)).toMatchObject({
      members: 1,
      checkins: 1,
      milestones_done: 1,
      member_pauses: 1,
      group_members: 1,
      deliveries: 1,
    });
    const after = await rowsNamingMember(t.database.db, alice.memberId, alice.userId);
    expect(Object.values(after).every((n) => n === 0)).toBe(true);
    expect(await rowsNamingMember(t.database.db, bob.memberId, bob.userId)).toEqual(bobBefore);
    expect(await t.store.memberData.forget(alice.userId, alice.memberId)).toBeUndefined();
    expect(await t.store.memberData.exportData(alice.memberId)).toBeUndefined();
  });

  it('a nudge that finishes sending after /forget plans no next nudge for the forgotten member', async () => {
    const alice = await enroll();
    const member = await t.store.members.findById(alice.memberId);
    await t.store.memberData.forget(alice.userId, alice.memberId);
    await planNextNudge(t.database.db, member!, wednesday, { after: '2026-05-27', graceMs: 3_600_000 });
    expect(await t.database.db.select().from(deliveries).where(eq(deliveries.subjectId, alice.memberId))).toEqual([]);
  });
});
