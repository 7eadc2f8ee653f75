import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { checkins, commitments, members, reflections } from '../schema/index.js';
import { instantAt } from '../src/coach/time.js';
import { loadKeptCounts } from '../src/store/reflections.repository.js';
import { backends, useStore } from './support/db.js';

let nextUser = 200_000_000_000_000_000n;
const newUserId = () => String(++nextUser);
let nextInteraction = 800_000_000_000_000_000n;
const newInteractionId = () => String(++nextInteraction);
const zone = 'Europe/Berlin';
const enrollment = { timeZone: zone, nudgeTime: '07:30', planStartDate: '2026-06-01' };
const at = (date: string, time = '20:00') => instantAt(date, time, zone);
const form = (commitmentLines: string, wentWell = 'shipped a PR') => ({
  wentWell,
  inTheWay: '',
  commitments: commitmentLines,
});

describe.each(backends)('reflections and commitments on $name', (backend) => {
  const t = useStore(backend);
  const enroll = async () => (await t.store.members.enroll(newUserId(), enrollment, at('2026-05-31'))).member;
  const submit = (member: { id: number; timeZone: string }, raw: ReturnType<typeof form>, now: Date) =>
    t.store.reflections.submit(member, raw, { now, interactionId: newInteractionId() });
  const rowsOf = async (memberId: number) => {
    const { db } = t.database;
    return {
      reflections: await db.select().from(reflections).where(eq(reflections.memberId, memberId)),
      commitments: await db.select().from(commitments).where(eq(commitments.memberId, memberId)),
      checkins: await db.select().from(checkins).where(eq(checkins.memberId, memberId)),
    };
  };

  it('stores a Wednesday reflection for its week, its commitments for next week, and no check-in', async () => {
    const member = await enroll();
    const result = await submit(member, form('Thu: first PR to DuckDB\nwrite about B-trees'), at('2026-06-03'));
    expect(result).toMatchObject({ weekStart: '2026-06-01', commitmentsWeek: '2026-06-08', replaced: false });
    expect(result.sundayCheckin).toBeNull();
    const rows = await rowsOf(member.id);
    expect(rows.reflections.map((r) => [r.weekStart, r.wentWell])).toEqual([['2026-06-01', 'shipped a PR']]);
    expect(rows.commitments.map((c) => [c.weekStart, c.position, c.weekday, c.text])).toEqual([
      ['2026-06-08', 1, 'thu', 'first PR to DuckDB'],
      ['2026-06-08', 2, null, 'write about B-trees'],
    ]);
    expect(rows.checkins).toEqual([]);
  });

  it('submitting again the same week replaces the reflection and its commitments; next week is a new one', async () => {
    const member = await enroll();
    await submit(member, form('a\nb\nc'), at('2026-06-02'));
    const again = await submit(member, form('only one now', 'better'), at('2026-06-07', '10:00'));
    expect(again.replaced).toBe(true);
    let rows = await rowsOf(member.id);
    expect(rows.reflections.map((r) => r.wentWell)).toEqual(['better']);
    expect(rows.commitments.map((c) => c.text)).toEqual(['only one now']);
    await submit(member, form('week after'), at('2026-06-08'));
    rows = await rowsOf(member.id);
    expect(rows.reflections.map((r) => r.weekStart).sort()).toEqual(['2026-06-01', '2026-06-08']);
    expect(rows.commitments.map((c) => [c.weekStart, c.text]).sort()).toEqual([
      ['2026-06-08', 'only one now'],
      ['2026-06-15', 'week after'],
    ]);
  });

  it('a bad form writes nothing, not even part of a replacement', async () => {
    const member = await enroll();
    await submit(member, form('keep me'), at('2026-06-03'));
    const before = await rowsOf(member.id);
    for (const bad of [form('a\nb\nc\nd'), form('z'.repeat(101)), form('', '')])
      await expect(submit(member, bad, at('2026-06-04'))).rejects.toMatchObject({ name: 'UserFacingError' });
    expect(await rowsOf(member.id)).toEqual(before);
  });

  it("a Sunday reflection is Sunday's check-in (reflection, the routine's minutes), extending the streak", async () => {
    const member = await enroll();
    await t.store.checkins.record(member.id, {
      localDate: '2026-06-06',
      activity: 'deep_dive',
      minutes: 120,
      sourceInteractionId: newInteractionId(),
    });
    const result = await submit(member, form('x'), at('2026-06-07', '21:00'));
    expect(result.sundayCheckin).toBe('recorded');
    const rows = await rowsOf(member.id);
    expect(rows.checkins.map((c) => [c.localDate, c.activity, c.minutes])).toEqual([
      ['2026-06-06', 'deep_dive', 120],
      ['2026-06-07', 'reflection', 60],
    ]);
    const [stored] = await t.database.db.select().from(members).where(eq(members.id, member.id));
    expect(stored).toMatchObject({ streakCurrent: 2, streakLastDate: '2026-06-07' });
    // Replacing it the same Sunday adds no second check-in.
    expect((await submit(member, form('y'), at('2026-06-07', '22:00'))).sundayCheckin).toBe('existed');
    expect((await rowsOf(member.id)).checkins).toHaveLength(2);
  });

  it('marks only a commitment of this member and this week done, once', async () => {
    const member = await enroll();
    const other = await enroll();
    const { commitments: made } = await submit(member, form('a\nb\nc'), at('2026-06-03'));
    const [first, second] = made;
    const done = await t.store.reflections.markDone(member.id, first!.id, '2026-06-09');
    expect(done).toMatchObject({ already: false, commitment: { doneOn: '2026-06-09' } });
    expect(await t.store.reflections.markDone(member.id, first!.id, '2026-06-10')).toMatchObject({
      already: true,
      commitment: { doneOn: '2026-06-09' },
    });
    await expect(t.store.reflections.markDone(other.id, second!.id, '2026-06-09')).rejects.toThrow(
      'not for one of your current commitments',
    );
    await expect(t.store.reflections.markDone(member.id, second!.id, '2026-06-03')).rejects.toThrow(
      'belongs to the week of 2026-06-08',
    );
    await expect(t.store.reflections.markDone(member.id, second!.id, '2026-06-15')).rejects.toThrow(
      'belongs to the week of 2026-06-08',
    );
    expect((await rowsOf(member.id)).commitments.map((c) => c.doneOn)).toEqual(['2026-06-09', null, null]);
    expect(await t.store.reflections.markUndone(member.id, second!.id, '2026-06-09')).toMatchObject({ already: true });
    await expect(t.store.reflections.markUndone(other.id, first!.id, '2026-06-09')).rejects.toThrow('not for one');
    expect((await rowsOf(member.id)).commitments.map((c) => c.doneOn)).toEqual(['2026-06-09', null, null]);
    expect(await loadKeptCounts(t.database.db, [member.id, other.id], '2026-06-08')).toEqual(
      new Map([[member.id, { kept: 1, total: 3 }]]),
    );
  });

  it("the database refuses a fourth position or a 101-character text even past the form's checks", async () => {
    const member = await enroll();
    const row = { memberId: member.id, weekStart: '2026-06-08', weekday: null };
    await expect(t.database.db.insert(commitments).values({ ...row, position: 4, text: 'x' })).rejects.toThrow();
    await expect(
      t.database.db.insert(commitments).values({ ...row, position: 1, text: 'x'.repeat(101) }),
    ).rejects.toThrow();
  });

  it('deleting a member deletes their reflections and commitments (a later /forget relies on it)', async () => {
    const member = await enroll();
    await submit(member, form('gone soon'), at('2026-06-03'));
    await t.database.db.delete(members).where(eq(members.id, member.id));
    const [left] = await t.database.db
      .select({ n: count() })
      .from(commitments)
      .where(eq(commitments.memberId, member.id));
    expect(left?.n).toBe(0);
    expect((await rowsOf(member.id)).reflections).toEqual([]);
  });
});
