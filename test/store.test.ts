import { count } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { checkins, members } from '../schema/index.js';
import { UserFacingError } from '../src/coach/errors.js';
import { backends, useStore } from './support/db.js';

let nextUser = 100_000_000_000_000_000n;
const newUserId = () => {
  nextUser += 1n;
  return String(nextUser);
};
let nextInteraction = 900_000_000_000_000_000n;
const newInteractionId = () => {
  nextInteraction += 1n;
  return String(nextInteraction);
};
const enrollment = { timeZone: 'Europe/Berlin', nudgeTime: '07:30', planStartDate: '2026-06-01' };
const now = new Date('2026-06-01T04:00:00Z');

describe.each(backends)('repositories on $name', (backend) => {
  const t = useStore(backend);

  const rowCounts = async () => ({
    members: (await t.database.db.select({ n: count() }).from(members))[0]?.n,
    checkins: (await t.database.db.select({ n: count() }).from(checkins))[0]?.n,
  });
  const enroll = async () =>
    (await t.store.members.enroll(newUserId(), enrollment, now, { guildId: '400000000000000001' })).member;
  const checkin = (memberId: number, localDate: string, extra: Record<string, unknown> = {}) =>
    t.store.checkins.record(memberId, {
      localDate,
      activity: 'coding',
      minutes: 60,
      sourceInteractionId: newInteractionId(),
      ...extra,
    });

  it('enrolls a member once and updates them when /start runs again', async () => {
    const userId = newUserId();
    const first = await t.store.members.enroll(userId, { ...enrollment, timeZone: 'america/new_york' }, now);
    expect(first.created).toBe(true);
    expect(first.member.timeZone).toBe('America/New_York');
    const again = await t.store.members.enroll(userId, { ...enrollment, nudgeTime: '8:05' }, now);
    expect(again).toMatchObject({
      created: false,
      member: { id: first.member.id, nudgeTime: '08:05', timeZone: 'Europe/Berlin' },
    });
  });

  it.each([
    ['timeZone', { timeZone: 'Mars/Olympus_Mons' }],
    ['timeZone', { timeZone: '+02:00' }],
    ['nudgeTime', { nudgeTime: '25:00' }],
    ['planStartDate', { planStartDate: '2026-02-30' }],
  ])('refuses an enrollment with a bad %s, naming the field, and writes nothing', async (field, bad) => {
    const before = await rowCounts();
    const attempt = t.store.members.enroll(newUserId(), { ...enrollment, ...bad }, now);
    await expect(attempt).rejects.toThrow(UserFacingError);
    await expect(attempt).rejects.toMatchObject({ field });
    expect(await rowCounts()).toEqual(before);
  });

  it.each([
    ['minutes', { minutes: 0 }],
    ['minutes', { minutes: 100_000 }],
    ['minutes', { minutes: 12.5 }],
    ['note', { note: 'x'.repeat(1001) }],
    ['link', { link: 'javascript:alert(1)' }],
    ['link', { link: 'ftp://example.com/file' }],
    ['activity', { activity: 'sleeping' }],
  ])('refuses a check-in with a bad %s, naming the field, and writes nothing', async (field, bad) => {
    const member = await enroll();
    const before = await rowCounts();
    const attempt = checkin(member.id, '2026-06-01', bad);
    await expect(attempt).rejects.toMatchObject({ name: 'UserFacingError', field });
    expect(await rowCounts()).toEqual(before);
  });

  it('records a check-in with its note and link, and a replayed interaction records it once', async () => {
    const member = await enroll();
    const raw = {
      localDate: '2026-06-01',
      activity: 'writing',
      minutes: 45,
      note: 'drafted a post',
      link: 'https://example.com/post',
      sourceInteractionId: newInteractionId(),
    };
    const first = await t.store.checkins.record(member.id, raw);
    const replay = await t.store.checkins.record(member.id, raw);
    expect(first).toMatchObject({ duplicate: false, streak: { current: 1, best: 1 } });
    expect(replay).toMatchObject({ duplicate: true, checkin: { id: first.checkin.id } });
    expect(await t.store.checkins.listForMember(member.id)).toHaveLength(1);
  });

  it('given check-ins Thursday, Friday and Sunday, the stored streak is 3 (Saturday is optional)', async () => {
    const member = await enroll();
    for (const day of ['2026-06-04', '2026-06-05', '2026-06-07']) await checkin(member.id, day);
    expect(await t.store.checkins.readStreak(member.id)).toEqual({
      current: 3,
      best: 3,
      lastDate: '2026-06-07',
      freezes: 0,
    });
  });

  it('a late check-in for yesterday bridges the streak, and the best streak follows', async () => {
    const member = await enroll();
    await checkin(member.id, '2026-06-01');
    await checkin(member.id, '2026-06-03');
    expect((await t.store.checkins.readStreak(member.id)).current).toBe(1);
    await checkin(member.id, '2026-06-02');
    expect(await t.store.checkins.readStreak(member.id)).toEqual({
      current: 3,
      best: 3,
      lastDate: '2026-06-03',
      freezes: 0,
    });
  });

  it('a pause keeps the streak; resuming shifts the plan by the paused days', async () => {
    const member = await enroll();
    await checkin(member.id, '2026-06-01');
    await checkin(member.id, '2026-06-02');
    await t.store.members.pause(member.id, '2026-06-03');
    await expect(t.store.members.pause(member.id, '2026-06-04')).rejects.toThrow(/already paused/);
    expect(await t.store.members.resume(member.id, '2026-06-13')).toEqual({ pausedDays: 10 });
    await checkin(member.id, '2026-06-13');
    const fresh = await t.store.members.requireByDiscordId(member.discordUserId);
    const progress = await t.store.progress.readProgress(fresh, '2026-06-13');
    expect(progress.streak).toEqual({ current: 3, best: 3 });
    // 12 calendar days since the start, 10 of them paused: plan day 2, week 1.
    expect(progress.position).toMatchObject({ status: 'active', planDay: 2, week: 1, month: 1 });
  });

  it('reads phase progress: days done against required days, and milestones of the phase', async () => {
    const member = await enroll(); // starts Monday 2026-06-01, phase 1
    for (const day of ['2026-06-01', '2026-06-02', '2026-06-04', '2026-06-06']) await checkin(member.id, day);
    await t.store.progress.markMilestone(member.id, 'p1-skill-dsa', '2026-06-02');
    expect(await t.store.progress.markMilestone(member.id, 'p1-skill-dsa', '2026-06-03')).toEqual({
      alreadyDone: true,
    });
    await t.store.progress.markMilestone(member.id, 'p2-skill-database-internals', '2026-06-03'); // another phase's
    const progress = await t.store.progress.readProgress(member, '2026-06-07');
    expect(progress).toMatchObject({ daysDone: 4, daysRequired: 6, milestonesDone: 1, milestonesTotal: 6 });
    expect(progress.position).toMatchObject({ status: 'active', month: 1, week: 1 });
    expect(progress.elapsedShare).toBeCloseTo(7 / 92, 5); // June 1 – Aug 31 is 92 days
    await expect(t.store.progress.markMilestone(member.id, 'not-a-milestone', '2026-06-03')).rejects.toMatchObject({
      field: 'milestone',
    });
  });

  it('takes a milestone back once; the area of the phase shows it open again', async () => {
    const member = await enroll();
    const other = await enroll();
    for (const who of [member, other]) await t.store.progress.markMilestone(who.id, 'p1-skill-dsa', '2026-06-02');
    const skillFocus = async () => (await t.store.progress.readProgress(member, '2026-06-03')).areas[0];
    expect(await skillFocus()).toMatchObject({ title: 'Skill Focus', done: 1, total: 3 });
    expect(await t.store.progress.unmarkMilestone(member.id, 'p1-skill-dsa')).toEqual({ wasDone: true });
    expect(await t.store.progress.unmarkMilestone(member.id, 'p1-skill-dsa')).toEqual({ wasDone: false });
    expect(await skillFocus()).toMatchObject({ done: 0, next: { id: 'p1-skill-dsa' } });
    expect(await t.store.progress.readMilestoneIds(other.id)).toEqual(new Set(['p1-skill-dsa'])); // only theirs
  });

  it('concurrent check-ins of one member all count: the streak equals the history', async () => {
    const member = await enroll();
    const days = Array.from({ length: 10 }, (_, i) => `2026-06-${String(i + 1).padStart(2, '0')}`);
    await Promise.all(days.map((day) => checkin(member.id, day)));
    expect(await t.store.checkins.readStreak(member.id)).toEqual({
      current: 10,
      best: 10,
      lastDate: '2026-06-10',
      freezes: 1,
    });
  });
});
