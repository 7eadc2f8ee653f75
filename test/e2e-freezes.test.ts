import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { deliveries, members, restDays } from '../schema/index.js';
import { addDays } from '../src/coach/time.js';
import { enrollMember, useTestBot } from './support/bot.js';

// Freezes, rest days and the evening save through the real bot, the fake Discord and PGlite, with a test
// clock. Members are in Berlin (UTC+2 in June), nudged at 07:30 (05:30Z); 2026-06-01 is a Monday; the
// check-in grace is 12 h, so a day is over at 12:00 local (10:00Z) the day after.
const bot = useTestBot('2026-05-31T20:00:00Z');

const at = (iso: string) => bot.clock.set(iso);
const tickAt = async (iso: string) => {
  at(iso);
  return bot.app.scheduler.tick();
};
async function enroll(options: { evening?: string } = {}) {
  at('2026-05-31T20:00:00Z');
  const enrolled = await enrollMember(bot, '2026-06-01');
  const command = (name: string, opts: Record<string, string | number>) =>
    bot.fake.slashCommand({ userId: enrolled.userId, guildId: bot.guild.id, name, options: opts }).response();
  if (options.evening) expect((await command('settings', { evening: options.evening })).content).toContain('saved');
  return { ...enrolled, command };
}
let seq = 0;
/** Check-ins recorded on these days (as /checkin would; the streak rules are what is under test here). */
async function checkins(memberId: number, days: string[]) {
  for (const localDate of days) {
    await bot.ctx.store.checkins.record(memberId, {
      localDate,
      activity: 'coding',
      minutes: 30,
      sourceInteractionId: `seed-${memberId}-${seq++}`,
    });
  }
}
/** Mon 1 … Mon 8 without Saturday: 7 required days done, so one freeze held. */
const firstWeek = ['01', '02', '03', '04', '05', '07', '08'].map((d) => `2026-06-${d}`);
const nudgeOf = (channel: string, date: string) =>
  bot.fake
    .messages(channel)
    .find((m) => !m.content.startsWith('🌙') && JSON.stringify(m.components).includes(`nudge:checkin:${date}`));
const evenings = (channel: string) => bot.fake.messages(channel).filter((m) => m.content.startsWith('🌙 Evening save'));
const rowOf = async (memberId: number, kind: 'nudge' | 'evening', localDate: string) => {
  const [row] = await bot.database.db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.subjectId, memberId), eq(deliveries.kind, kind), eq(deliveries.localDate, localDate)));
  return row;
};
/** Ticks every day's nudge (07:30) and evening (20:00) from `from`, twice each. */
async function runDays(from: string, count: number) {
  for (let i = 0; i < count; i++) {
    const day = addDays(from, i);
    for (const time of ['05:30', '05:31', '18:00', '18:01']) await tickAt(`${day}T${time}:00Z`);
  }
}

describe('Skip today and rest days', () => {
  it('with a freeze, Skip today offers a rest day; taking it freezes today once, a 2nd click nothing', async () => {
    const m = await enroll({ evening: '20:00' });
    await checkins(m.memberId, firstWeek);
    await runDays('2026-06-01', 8); // the nudge of Tuesday 9 is planned after Monday 8's
    await tickAt('2026-06-09T05:30:00Z');
    const nudge = nudgeOf(m.channel, '2026-06-09')!;
    const choices = await bot.fake
      .clickButton({ userId: m.userId, message: nudge, customId: 'nudge:skip:2026-06-09' })
      .response();
    expect(choices.content).toContain('rest day');
    expect(JSON.stringify(choices.components)).toContain('Rest day (uses a freeze, 0 left)');
    const rest = await bot.fake
      .clickButton({ userId: m.userId, message: choices.message!, customId: 'skip-choice:rest:2026-06-09' })
      .response();
    expect(rest.content).toContain('Rest day: a freeze covers today');
    expect(rest.content).toContain('0 freezes left');
    const again = await bot.fake
      .clickButton({ userId: m.userId, message: choices.message!, customId: 'skip-choice:rest:2026-06-09' })
      .response();
    expect(again.content).toContain('already a rest day');
    expect(await bot.ctx.store.freezes.frozenDays(m.memberId)).toEqual([{ date: '2026-06-09', kind: 'rest' }]);
    expect(await bot.ctx.store.checkins.readStreak(m.memberId)).toMatchObject({ current: 7, freezes: 0 });
    // The rest day cancelled today's evening save.
    await tickAt('2026-06-09T18:00:00Z');
    expect((await rowOf(m.memberId, 'evening', '2026-06-09'))?.status).toBe('cancelled');
    expect(evenings(m.channel).some((e) => JSON.stringify(e.components).includes('2026-06-09'))).toBe(false);
    // /streak says what the freeze was used on.
    at('2026-06-10T08:00:00Z');
    const streak = await m.command('streak', {});
    expect(streak.content).toContain('Streak: **7** days');
    expect(streak.content).toContain('Last freeze used on 2026-06-09 (your rest day)');
  });

  it('without a freeze, Skip today warns the streak will break unless they check in; quiet only', async () => {
    const m = await enroll();
    await checkins(m.memberId, ['2026-06-01']);
    await tickAt('2026-06-01T05:30:00Z');
    await tickAt('2026-06-02T05:30:00Z');
    const choices = await bot.fake
      .clickButton({ userId: m.userId, message: nudgeOf(m.channel, '2026-06-02')!, customId: 'nudge:skip:2026-06-02' })
      .response();
    expect(choices.content).toContain('You hold no freeze, so your 1-day streak will break unless you check in today');
    const labels = JSON.stringify(choices.components);
    expect(labels).not.toContain('Rest day');
    expect(labels).toContain('Just no more nudges today');
    // Quiet it is: no more nudges, and no rest day stored.
    const quiet = await bot.fake
      .clickButton({ userId: m.userId, message: choices.message!, customId: 'skip-choice:quiet:2026-06-02' })
      .response();
    expect(quiet.content).toContain('No more nudges today');
    expect(await bot.database.db.select().from(restDays).where(eq(restDays.memberId, m.memberId))).toEqual([]);
  });

  it('a choice clicked after its day is over is answered and changes nothing', async () => {
    const m = await enroll();
    await checkins(m.memberId, firstWeek);
    await runDays('2026-06-01', 8);
    await tickAt('2026-06-09T05:30:00Z');
    const choices = await bot.fake
      .clickButton({ userId: m.userId, message: nudgeOf(m.channel, '2026-06-09')!, customId: 'nudge:skip:2026-06-09' })
      .response();
    at('2026-06-10T06:00:00Z'); // the next morning
    const stale = await bot.fake
      .clickButton({ userId: m.userId, message: choices.message!, customId: 'skip-choice:rest:2026-06-09' })
      .response();
    expect(stale.content).toContain('This was for 2026-06-09; it is 2026-06-10 where you are, so nothing was changed');
    expect(await bot.ctx.store.freezes.frozenDays(m.memberId)).toEqual([]);
    expect(await bot.database.db.select().from(restDays).where(eq(restDays.memberId, m.memberId))).toEqual([]);
  });
});

describe('automatic freezes in the nudge and /streak', () => {
  it('a freeze covers a missed day and the next nudge says so; the next miss ends the streak, and why', async () => {
    const m = await enroll();
    await checkins(m.memberId, firstWeek);
    await runDays('2026-06-01', 9); // Tuesday 9 missed: it is over at 10:00Z on the 10th
    await tickAt('2026-06-10T05:30:00Z');
    expect(nudgeOf(m.channel, '2026-06-10')!.content).not.toContain('freeze');
    await tickAt('2026-06-11T05:30:00Z');
    const covered = nudgeOf(m.channel, '2026-06-11')!.content;
    expect(covered).toContain('🧊 A freeze kept your streak alive on 2026-06-09 (0 left)');
    expect(covered).toContain('Streak 7');
    at('2026-06-11T06:00:00Z');
    expect((await m.command('streak', {})).content).toContain('Last freeze used on 2026-06-09 (a missed day)');
    await tickAt('2026-06-12T05:30:00Z'); // Wednesday 10 missed too, and no freeze left
    expect(nudgeOf(m.channel, '2026-06-12')!.content).toContain(
      '💔 No freeze held, so missing 2026-06-10 ended your 7-day streak.',
    );
    at('2026-06-12T06:00:00Z');
    const streak = (await m.command('streak', {})).content;
    expect(streak).toContain('Streak: **0** days');
    expect(streak).toContain('Missing 2026-06-10 ended your 7-day streak: you held no freeze.');
  });
});

describe('the evening save', () => {
  it('is refused before the nudge time, with nothing saved', async () => {
    const m = await enroll();
    const refused = await m.command('settings', { evening: '07:00' });
    expect(refused.content).toContain('evening: the evening save (07:00) must come after the daily nudge (07:30)');
    const [member] = await bot.database.db.select().from(members).where(eq(members.id, m.memberId));
    expect(member?.eveningTime).toBeNull();
  });

  it('is sent once on each required day without a check-in, and not on Saturday', async () => {
    const m = await enroll({ evening: '20:00' });
    await runDays('2026-06-01', 6);
    const sent = evenings(m.channel).map((e) => JSON.stringify(e.components).match(/checkin:([\d-]+)/)?.[1]);
    expect(sent).toEqual(['2026-06-01', '2026-06-02', '2026-06-03', '2026-06-04', '2026-06-05']);
    expect(evenings(m.channel)[0]?.content).toContain('no check-in yet today');
    expect((await rowOf(m.memberId, 'evening', '2026-06-06'))?.outcome).toBe('optional day');
  });

  it('is not sent after a check-in, on a paused day or on a day skipped', async () => {
    const checkedIn = await enroll({ evening: '20:00' });
    const paused = await enroll({ evening: '20:00' });
    const skipper = await enroll({ evening: '20:00' });
    await tickAt('2026-06-01T05:30:00Z');
    at('2026-06-01T12:00:00Z');
    const done = await checkedIn.command('checkin', { activity: 'coding', minutes: 40 });
    expect(done.content).toContain('Checked in');
    expect((await paused.command('pause', {})).content).toContain('aused');
    const choices = await bot.fake
      .clickButton({
        userId: skipper.userId,
        message: nudgeOf(skipper.channel, '2026-06-01')!,
        customId: 'nudge:skip:2026-06-01',
      })
      .response();
    await bot.fake
      .clickButton({ userId: skipper.userId, message: choices.message!, customId: 'skip-choice:quiet:2026-06-01' })
      .response();
    await tickAt('2026-06-01T18:00:00Z');
    await tickAt('2026-06-01T18:01:00Z');
    for (const m of [checkedIn, paused, skipper]) expect(evenings(m.channel)).toEqual([]);
    expect((await rowOf(checkedIn.memberId, 'evening', '2026-06-01'))?.outcome).toBe('already checked in');
    expect((await rowOf(paused.memberId, 'evening', '2026-06-01'))?.outcome).toBe('paused');
    expect((await rowOf(skipper.memberId, 'evening', '2026-06-01'))?.status).toBe('cancelled');
  });
});
