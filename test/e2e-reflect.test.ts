import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { checkins, commitments, reflections } from '../schema/index.js';
import type { FakeMessage } from './fake-discord/index.js';
import { enrollMember, nudgesIn as nudgesOf, useTestBot } from './support/bot.js';

// The Sunday loop through the real bot, the fake Discord and PGlite. Members nudge at 07:30 Berlin
// (05:30Z in summer); Sunday 2026-05-31 ends the week of 2026-05-25, Monday 2026-06-01 starts the next.
const bot = useTestBot('2026-05-31T04:00:00Z');

const at = (iso: string) => bot.clock.set(iso);
// Twice: after a jump over several days, the first tick records the missed dates and plans today's.
async function tickAt(iso: string) {
  at(iso);
  await bot.app.scheduler.tick();
  await bot.app.scheduler.tick();
}
const run = (userId: string, name: string, options: Record<string, string> = {}) =>
  bot.fake.slashCommand({ userId, guildId: bot.guild.id, name, options }).response();
async function enroll(username?: string) {
  at('2026-05-31T04:00:00Z');
  const user = bot.fake.addUser(username ? { username } : {});
  bot.fake.addMember(bot.guild.id, user.id);
  return enrollMember(bot, '2026-05-25', { userId: user.id });
}
const nudgesIn = (channel: string) => nudgesOf(bot, channel);
const buttonsOf = (message: FakeMessage) =>
  (message.components ?? []).flatMap((row) =>
    'components' in row
      ? row.components.map((c) => ('custom_id' in c && 'label' in c ? `${c.custom_id}=${c.label}` : ''))
      : [],
  );
const fields = (commitmentLines: string, wentWell = 'solved 5 problems') => ({
  went_well: wentWell,
  in_the_way: '',
  commitments: commitmentLines,
});
async function reflectWith(userId: string, formFields: Record<string, string>) {
  const opened = await run(userId, 'reflect');
  expect(opened.kind).toBe('modal');
  return bot.fake.submitModal({ userId, customId: 'reflect-modal', fields: formFields }).response();
}
const stored = async (memberId: number) => {
  const { db } = bot.database;
  return {
    reflections: (await db.select().from(reflections).where(eq(reflections.memberId, memberId))).map(
      (r) => `${r.weekStart} ${r.wentWell}`,
    ),
    commitments: (await db.select().from(commitments).where(eq(commitments.memberId, memberId)))
      .sort((a, b) => a.position - b.position)
      .map((c) => `${c.weekStart} ${c.weekday ?? '-'} ${c.text} ${c.doneOn ?? 'open'}`),
    checkins: (await db.select().from(checkins).where(eq(checkins.memberId, memberId))).map(
      (c) => `${c.localDate} ${c.activity} ${c.minutes}`,
    ),
  };
};

describe('the Sunday reflection', () => {
  it("Sunday's nudge carries Reflect; the form's submit stores the reflection and is the day's check-in", async () => {
    const { userId, memberId, channel } = await enroll();
    await tickAt('2026-05-31T05:30:00Z');
    const [sunday] = nudgesIn(channel);
    expect(sunday?.content).toContain('Time to reflect');
    expect(buttonsOf(sunday!)).toContain('reflect:open:2026-05-31=Reflect');
    const form = await bot.fake
      .clickButton({ userId, message: sunday!, customId: 'reflect:open:2026-05-31' })
      .response();
    expect(form.kind).toBe('modal');
    const saved = await bot.fake
      .submitModal({
        userId,
        customId: 'reflect-modal',
        fields: fields('Mon: first PR to DuckDB\nwrite about B-trees'),
      })
      .response();
    expect(saved.ephemeral).toBe(true);
    expect(saved.content).toContain('Reflection saved');
    expect(saved.content).toContain('2026-06-01 – 2026-06-07');
    expect(saved.content).toContain('📌 Monday: first PR to DuckDB');
    expect(saved.content).toContain("It counts as today's check-in");
    expect(await stored(memberId)).toEqual({
      reflections: ['2026-05-25 solved 5 problems'],
      commitments: ['2026-06-01 mon first PR to DuckDB open', '2026-06-01 - write about B-trees open'],
      checkins: ['2026-05-31 reflection 60'],
    });
    expect((await run(userId, 'streak')).content).toContain('Streak: **1** day');
  });

  it.each([
    ['four commitments', fields('a\nb\nc\nd'), 'Commitments for next week: at most 3, one per line (you wrote 4)'],
    ['one over 100 characters', fields(`fine\n${'x'.repeat(101)}`), 'line 2 is 101 characters'],
    ['an empty form', fields('', ''), 'The form was empty, so nothing was saved'],
  ])('refuses %s with a private error and stores nothing', async (_case, formFields, message) => {
    const { userId, memberId } = await enroll();
    at('2026-06-03T10:00:00Z');
    const view = await reflectWith(userId, formFields);
    expect(view.ephemeral).toBe(true);
    expect(view.content).toContain(message);
    expect(await stored(memberId)).toEqual({ reflections: [], commitments: [], checkins: [] });
  });

  it('/reflect again the same week replaces the reflection and its commitments; a weekday is no check-in', async () => {
    const { userId, memberId } = await enroll();
    at('2026-06-03T10:00:00Z');
    expect((await reflectWith(userId, fields('one\ntwo\nthree'))).content).toContain('Reflection saved');
    const again = await reflectWith(userId, fields('Fri: only this', 'changed my mind'));
    expect(again.content).toContain("Reflection updated: it replaces this week's earlier one");
    expect(again.content).not.toContain('check-in');
    expect(await stored(memberId)).toEqual({
      reflections: ['2026-06-01 changed my mind'],
      commitments: ['2026-06-08 fri only this open'],
      checkins: [],
    });
  });
});

describe('commitments come back', () => {
  it('Monday quotes its commitment with Done; a second click and an old button change nothing', async () => {
    const { userId, memberId, channel } = await enroll('ada');
    at('2026-05-31T18:00:00Z');
    await reflectWith(userId, fields('Mon: first PR to DuckDB\nwrite about B-trees'));
    await tickAt('2026-06-01T05:30:00Z');
    const monday = nudgesIn(channel).at(-1)!;
    expect(monday.content).toContain('**Monday: Coding practice**');
    expect(monday.content).toContain('📌 You committed: first PR to DuckDB');
    expect(monday.content).not.toContain('B-trees');
    const [first, second] = (await bot.database.db.select().from(commitments).where(eq(commitments.memberId, memberId)))
      .sort((a, b) => a.position - b.position)
      .map((c) => c.id);
    expect(buttonsOf(monday)).toEqual([
      'nudge:checkin:2026-06-01=Check in',
      'nudge:snooze:2026-06-01=Snooze 1 h',
      'nudge:skip:2026-06-01=Skip today',
      `commit:done:${first}=Done: first PR to DuckDB`,
    ]);
    const click = () => bot.fake.clickButton({ userId, message: monday, customId: `commit:done:${first}` }).response();
    expect((await click()).content).toContain('✅ Done: first PR to DuckDB');
    expect((await click()).content).toContain('Already done on 2026-06-01');

    // /commitments: the week's list, the open one with its Done button.
    const list = await run(userId, 'commitments');
    expect(list.ephemeral).toBe(true);
    expect(list.content).toContain('(kept 1 of 2)');
    expect(list.content).toContain('✅ Monday: first PR to DuckDB (done 2026-06-01)');
    const fromList = await bot.fake
      .clickButton({ userId, message: list.message!, customId: `commit:done:${second}` })
      .response();
    expect(fromList.content).toContain('✅ Done: write about B-trees');
    expect(fromList.content).toContain('(kept 2 of 2)');
    // A mis-click is taken back with Undo; a second Undo changes nothing; Done again keeps it.
    const undo = () =>
      bot.fake.clickButton({ userId, message: fromList.message!, customId: `commit:undo:${second}` }).response();
    const undone = await undo();
    expect(undone.content).toContain('↩️ Marked not done: write about B-trees');
    expect(undone.content).toContain('(kept 1 of 2)');
    expect((await undo()).content).toContain('That one was not marked done, so nothing changed');
    const redone = await bot.fake
      .clickButton({ userId, message: undone.message!, customId: `commit:done:${second}` })
      .response();
    expect(redone.content).toContain('(kept 2 of 2)');

    // Tuesday quotes the undated one, already kept: no button for it.
    await tickAt('2026-06-02T05:30:00Z');
    const tuesday = nudgesIn(channel).at(-1)!;
    expect(tuesday.content).toContain('📌 You committed: write about B-trees ✅');
    expect(buttonsOf(tuesday).filter((b) => b.startsWith('commit:'))).toEqual([]);

    // Sunday lists the week's commitments, kept or not, before the new reflection.
    await tickAt('2026-06-07T05:30:00Z');
    const sunday = nudgesIn(channel).at(-1)!;
    expect(sunday.content).toContain("This week's commitments (kept 2 of 2)");
    expect(sunday.content).toContain('✅ Monday: first PR to DuckDB\n✅ write about B-trees');
    expect(buttonsOf(sunday)).toContain('reflect:open:2026-06-07=Reflect');

    // A week later Monday's old button is stale: a clear answer, and the row stays as it was.
    at('2026-06-08T10:00:00Z');
    const before = await stored(memberId);
    const stale = await bot.fake.clickButton({ userId, message: monday, customId: `commit:done:${first}` }).response();
    expect(stale.ephemeral).toBe(true);
    expect(stale.content).toContain('belongs to the week of 2026-06-01, not this one, so nothing changed');
    expect(await stored(memberId)).toEqual(before);
  });

  it("Sunday's nudge shows an open commitment as not kept, still with its Done button", async () => {
    const { userId, channel } = await enroll();
    at('2026-05-31T18:00:00Z');
    await reflectWith(userId, fields('Thu: blog post'));
    await tickAt('2026-06-07T05:30:00Z');
    const sunday = nudgesIn(channel).at(-1)!;
    expect(sunday.content).toContain("This week's commitments (kept 0 of 1):\n❌ Thursday: blog post");
    expect(buttonsOf(sunday).filter((b) => !b.startsWith('nudge:'))).toEqual([
      expect.stringMatching(/^commit:done:\d+=Done: blog post$/),
      'reflect:open:2026-06-07=Reflect',
    ]);
  });

  it('the weekly summary says "kept N of M" for members shown in full, and nothing for others', async () => {
    const admin = bot.addUser();
    bot.fake.addMember(bot.guild.id, admin, { permissions: String(1 << 5) });
    const kept = await enroll('keeper');
    const counted = await enroll('counter');
    const none = await enroll('nocommit');
    await run(counted.userId, 'settings', { visibility: 'counts' });
    at('2026-05-31T18:00:00Z');
    for (const m of [kept, counted]) await reflectWith(m.userId, fields('first\nsecond\nthird'));
    at('2026-06-02T10:00:00Z');
    for (const m of [kept, counted]) {
      const list = await run(m.userId, 'commitments');
      const [id] = buttonsOf(list.message!).map((b) => b.split('=')[0]!);
      await bot.fake.clickButton({ userId: m.userId, message: list.message!, customId: id! }).response();
      await run(m.userId, 'checkin');
    }
    await run(none.userId, 'checkin');
    at('2026-06-07T10:00:00Z');
    const preview = await run(admin, 'summary');
    const rows = (preview.embeds[0]?.fields ?? []).find((f) => f.name === '📅 Who showed up')?.value.split('\n');
    expect(rows?.find((r) => r.includes('**keeper**'))).toContain('📌 kept 1 of 3');
    expect(rows?.find((r) => r.includes('**counter**'))).not.toContain('kept');
    expect(rows?.find((r) => r.includes('**nocommit**'))).not.toContain('kept');
  });
});
