import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type TextChannel } from 'discord.js';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { checkins, members } from '../schema/index.js';
import { streakRulesFor } from '../src/coach/routine.js';
import { recomputeStreak } from '../src/coach/streak.js';
import { defaultPlan } from '../src/plan/default-plan.js';
import { readCheckinDates, readFrozenDays, readPauses, readRestDates } from '../src/store/streaks.js';
import type { UserView } from './fake-discord/index.js';
import { useTestBot } from './support/bot.js';

// /history, its edit form and its delete confirmation, end to end through the fake Discord (PGlite).
const bot = useTestBot('2026-06-01T10:00:00Z');

const run = (userId: string, name: string, options: Record<string, string | number> = {}) =>
  bot.fake.slashCommand({ userId, guildId: bot.guild.id, name, options }).response();
const click = (userId: string, view: UserView, customId: string) =>
  bot.fake.clickButton({ userId, message: view.message!, customId }).response();
const submit = (userId: string, customId: string, fields: Record<string, string>) =>
  bot.fake.submitModal({ userId, customId, fields }).response();
const at = (day: string, time = '10:00') => bot.clock.set(`${day}T${time}:00Z`);
const buttonIds = (view: UserView): string[] =>
  (view.components as unknown as Array<{ components: Array<{ custom_id?: string }> }>).flatMap((row) =>
    row.components.map((c) => c.custom_id ?? ''),
  );

async function enroll(start: string): Promise<{ userId: string; memberId: number }> {
  const userId = bot.addUser();
  expect((await run(userId, 'start', { timezone: 'Europe/Berlin', time: '07:30', start })).content).toContain(
    'Welcome',
  );
  const [row] = await bot.database.db.select().from(members).where(eq(members.discordUserId, userId));
  return { userId, memberId: row!.id };
}
async function checkinOn(userId: string, day: string, options: Record<string, string | number> = {}) {
  at(day);
  expect((await run(userId, 'checkin', options)).content).toContain('Checked in');
}
const entriesOf = (memberId: number) =>
  bot.database.db.select().from(checkins).where(eq(checkins.memberId, memberId)).orderBy(checkins.localDate);
/** The stored streak and freezes equal a recomputation from the history (DESIGN.md, streaks). */
async function expectStoredStreakRecomputed(memberId: number): Promise<number> {
  const { db } = bot.database;
  const [row] = await db.select().from(members).where(eq(members.id, memberId));
  const { state } = recomputeStreak(
    await readCheckinDates(db, memberId),
    await readPauses(db, memberId),
    streakRulesFor(defaultPlan),
    await readRestDates(db, memberId),
  );
  const stored = {
    current: row!.streakCurrent,
    best: row!.streakBest,
    lastDate: row!.streakLastDate,
    freezes: row!.freezesHeld,
  };
  expect(stored).toEqual(state);
  return state.current;
}

/** The stored freezes, frozen days and streak, checked against an independent recomputation from the history. */
async function storedFreezes(memberId: number) {
  const { db } = bot.database;
  const [row] = await db.select().from(members).where(eq(members.id, memberId));
  const stored = { held: row!.freezesHeld, frozen: await readFrozenDays(db, memberId), current: row!.streakCurrent };
  const record = recomputeStreak(
    await readCheckinDates(db, memberId),
    await readPauses(db, memberId),
    streakRulesFor(defaultPlan),
    await readRestDates(db, memberId),
  );
  expect(stored).toEqual({ held: record.state.freezes, frozen: record.frozen, current: record.state.current });
  return stored;
}

describe('/history', () => {
  it('lists the last 14 local days newest first, marking paused, optional and missed days, with buttons', async () => {
    const { userId, memberId } = await enroll('2026-05-18');
    for (const day of ['2026-05-25', '2026-05-26', '2026-05-27', '2026-05-29', '2026-05-30', '2026-05-31'])
      await checkinOn(userId, day, day === '2026-05-26' ? { note: 'two-sum', link: 'https://leetcode.com/p/1' } : {});
    await bot.ctx.store.members.pause(memberId, '2026-05-28');
    await bot.ctx.store.members.resume(memberId, '2026-05-30'); // paused Thursday and Friday
    at('2026-06-01');
    const view = await run(userId, 'history');
    expect(view.ephemeral).toBe(true);
    const text = view.embeds[0]?.description ?? '';
    const headings = text.split('\n').filter((line) => line.startsWith('**'));
    expect(headings).toHaveLength(14);
    expect(headings[0]).toBe('**Mon 2026-06-01** ⏳ today, nothing logged yet');
    expect(headings.at(-1)).toBe('**Tue 2026-05-19** ❌ missed');
    expect(text).toContain('**Sat 2026-05-30** ✅ done · optional day');
    expect(text).toContain('**Fri 2026-05-29** ✅ done · paused day (not counted)');
    expect(text).toContain('**Thu 2026-05-28** ⏸️ paused');
    expect(text).toContain('**Sat 2026-05-23** ▫️ optional day');
    expect(text).toContain('Coding practice · 60 min — two-sum — <https://leetcode.com/p/1>');
    const ids = (await entriesOf(memberId)).map((c) => c.id).reverse(); // newest first, as listed
    expect(buttonIds(view)).toEqual(ids.flatMap((id) => [`history:edit:${id}`, `history:delete:${id}`]));
  });

  it('edits an entry through a prefilled form; the streak is recomputed; minutes 0 or 601 store nothing', async () => {
    const { userId, memberId } = await enroll('2026-05-25');
    await checkinOn(userId, '2026-05-25');
    await checkinOn(userId, '2026-05-26', { note: 'graphs' });
    at('2026-05-27');
    const list = await run(userId, 'history');
    const [, tuesday] = await entriesOf(memberId);
    const form = await click(userId, list, `history:edit:${tuesday!.id}`);
    expect(form.kind).toBe('modal');
    expect(JSON.stringify(form.modal)).toContain('"value":"60"');
    expect(JSON.stringify(form.modal)).toContain('"value":"graphs"');
    const saved = await submit(userId, `history:edit-modal:${tuesday!.id}`, {
      minutes: '45',
      note: 'graphs, "BFS"\nand DFS',
      link: 'https://github.com/o/r/pull/7',
    });
    expect(saved.content).toContain('Saved: 45 min of Coding practice on 2026-05-26');
    expect(saved.content).toContain('Streak: **2** days');
    expect((await entriesOf(memberId))[1]).toMatchObject({
      minutes: 45,
      note: 'graphs, "BFS"\nand DFS',
      link: 'https://github.com/o/r/pull/7',
    });
    expect(await expectStoredStreakRecomputed(memberId)).toBe(2);
    for (const [minutes, message] of [
      ['0', 'minutes: must be at least 1'],
      ['601', 'minutes: must be at most 600'],
      ['an hour', 'minutes: '],
    ] as const) {
      await click(userId, list, `history:edit:${tuesday!.id}`);
      const refused = await submit(userId, `history:edit-modal:${tuesday!.id}`, { minutes, note: 'changed' });
      expect(refused.ephemeral).toBe(true);
      expect(refused.content).toContain(message);
      expect((await entriesOf(memberId))[1]).toMatchObject({ minutes: 45, note: 'graphs, "BFS"\nand DFS' });
    }
  });

  it('refuses to change an entry older than 14 days, from a stale button or a form opened in time', async () => {
    const { userId, memberId } = await enroll('2026-05-11');
    await checkinOn(userId, '2026-05-18');
    at('2026-05-31', '21:00'); // Sunday 23:00 in Berlin: 2026-05-18 is the 14th day back, still editable
    const list = await run(userId, 'history');
    const [old] = await entriesOf(memberId);
    expect(buttonIds(list)).toContain(`history:edit:${old!.id}`);
    expect((await click(userId, list, `history:edit:${old!.id}`)).kind).toBe('modal');
    at('2026-05-31', '22:30'); // Monday 00:30 in Berlin
    const late = await submit(userId, `history:edit-modal:${old!.id}`, { minutes: '30' });
    expect(late.content).toContain('This entry is from 2026-05-18: entries older than 14 days cannot be changed.');
    for (const id of [`history:edit:${old!.id}`, `history:delete:${old!.id}`]) {
      const stale = await click(userId, list, id);
      expect(stale.kind).toBe('message');
      expect(stale.ephemeral).toBe(true);
      expect(stale.content).toContain('entries older than 14 days cannot be changed');
    }
    expect(await entriesOf(memberId)).toEqual([old]);
  });

  it('deletes an entry after a confirmation, recomputing the streak; a second click deletes nothing', async () => {
    const { userId, memberId } = await enroll('2026-05-25');
    for (const day of ['2026-05-25', '2026-05-26', '2026-05-27']) await checkinOn(userId, day);
    expect((await run(userId, 'streak')).content).toContain('Streak: **3** days');
    const list = await run(userId, 'history');
    const [, tuesday, wednesday] = await entriesOf(memberId);
    const confirm = await click(userId, list, `history:delete:${tuesday!.id}`);
    expect(confirm.content).toContain('Delete this entry of 2026-05-26?');
    expect(await entriesOf(memberId)).toHaveLength(3); // nothing deleted before the confirmation
    const done = await click(userId, confirm, `history:confirm-delete:${tuesday!.id}`);
    expect(done.content).toContain('Deleted: 60 min of Coding practice on 2026-05-26');
    expect(done.content).toContain('Streak: **1** day (best 1)'); // the best is recomputed too
    expect(await expectStoredStreakRecomputed(memberId)).toBe(1);
    const again = await click(userId, confirm, `history:confirm-delete:${tuesday!.id}`);
    expect(again.content).toContain('This entry no longer exists');
    expect((await click(userId, list, `history:edit:${tuesday!.id}`)).content).toContain('no longer exists');
    expect((await entriesOf(memberId)).map((c) => c.id)).toEqual([expect.any(Number), wednesday!.id]);
  });

  it('marks a frozen day; deleting a check-in that earned the freeze loses it in the stored record', async () => {
    at('2026-06-01');
    const { userId, memberId } = await enroll('2026-06-01');
    // Seven required days done (Saturday is optional) earn a freeze; it is spent on the missed Tuesday 2026-06-09.
    const done = ['2026-06-01', '2026-06-02', '2026-06-03', '2026-06-04', '2026-06-05', '2026-06-07', '2026-06-08'];
    for (const day of [...done, '2026-06-10']) await checkinOn(userId, day);
    at('2026-06-10', '12:00');
    const list = await run(userId, 'history');
    expect(list.embeds[0]?.description).toContain('**Tue 2026-06-09** 🧊 frozen');
    expect(list.content).toContain('Streak: **8** days'); // the frozen day kept the streak but did not add to it
    expect(await storedFreezes(memberId)).toEqual({
      held: 0,
      frozen: [{ date: '2026-06-09', kind: 'auto' }],
      current: 8,
    });

    const [first] = await entriesOf(memberId);
    const confirm = await click(userId, list, `history:delete:${first!.id}`);
    const deleted = await click(userId, confirm, `history:confirm-delete:${first!.id}`);
    expect(deleted.content).toContain('Deleted: 60 min of Coding practice on 2026-06-01');
    expect(deleted.content).toContain('Streak: **1** day'); // six days in a row earn no freeze: Tuesday broke it
    expect(await storedFreezes(memberId)).toEqual({ held: 0, frozen: [], current: 1 });
    const after = await run(userId, 'history');
    expect(after.embeds[0]?.description).toContain('**Tue 2026-06-09** ❌ missed');
  });

  it("refuses another member's entry behind a button, and changes nothing", async () => {
    const alice = await enroll('2026-05-25');
    const bob = await enroll('2026-05-25');
    await checkinOn(alice.userId, '2026-05-27', { minutes: 50 });
    const [entry] = await entriesOf(alice.memberId);
    // A message anyone in the channel can click, carrying Alice's entry.
    const channel = (await bot.app.bot.client.channels.fetch(bot.guild.general.id)) as TextChannel;
    const posted = await channel.send({
      content: 'shared',
      components: [
        new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId(`history:edit:${entry!.id}`).setLabel('e').setStyle(ButtonStyle.Secondary),
          new ButtonBuilder().setCustomId(`history:delete:${entry!.id}`).setLabel('d').setStyle(ButtonStyle.Secondary),
        ),
      ],
    });
    for (const customId of [`history:edit:${entry!.id}`, `history:delete:${entry!.id}`]) {
      const view = await bot.fake
        .clickButton({ userId: bob.userId, channelId: posted.channelId, messageId: posted.id, customId })
        .response();
      expect(view.ephemeral).toBe(true);
      expect(view.content).toContain('This entry is not yours');
    }
    expect(await entriesOf(alice.memberId)).toEqual([entry]);
  });
});
