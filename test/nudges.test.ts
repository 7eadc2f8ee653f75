import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { deliveries } from '../schema/index.js';
import { enrollMember, nudgesIn as nudgesOf, startTestBot, useTestBot } from './support/bot.js';

// Daily DM nudges through the real bot, the fake Discord and PGlite, with a test clock.
// Members nudge at 07:30 Berlin (05:30Z in June); Monday 2026-06-01 is the first day.
const bot = useTestBot('2026-05-31T20:00:00Z');

const at = (iso: string) => bot.clock.set(iso);
async function enroll(options: { dmsClosed?: boolean; time?: string } = {}) {
  at('2026-05-31T20:00:00Z');
  const enrolled = await enrollMember(bot, '2026-06-01', options);
  if (options.dmsClosed) bot.fake.setDmsClosed(enrolled.userId, true);
  return enrolled;
}
const nudgesIn = (channel: string) => nudgesOf(bot, channel);
const rows = (memberId: number) =>
  bot.database.db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.subjectId, memberId)))
    .orderBy(deliveries.localDate, deliveries.kind);
async function tickAt(iso: string) {
  at(iso);
  return bot.app.scheduler.tick();
}

describe('daily nudges', () => {
  it("arrive at the member's local time with today's routine for their phase, once", async () => {
    const { channel } = await enroll();
    await tickAt('2026-06-01T05:29:00Z');
    expect(nudgesIn(channel)).toHaveLength(0);
    await tickAt('2026-06-01T05:30:00Z');
    await tickAt('2026-06-01T05:31:00Z');
    const [nudge] = nudgesIn(channel);
    expect(nudgesIn(channel)).toHaveLength(1);
    expect(nudge?.content).toContain('**Monday: Coding practice** (60 min)');
    expect(nudge?.content).toContain('algorithm problem');
    expect(nudge?.content).toContain('Phase 1 · Foundation & Positioning');
    expect(nudge?.components?.[0]).toMatchObject({
      components: [{ label: 'Check in' }, { label: 'Snooze 1 h' }, { label: 'Skip today' }],
    });
  });

  it('consecutive weeks suggest different focus items', async () => {
    const { channel } = await enroll({ time: '07:00' });
    await tickAt('2026-06-02T05:00:00Z'); // Tuesday of week 1 (Monday's is past its grace window)
    await tickAt('2026-06-09T05:00:00Z'); // Tuesday of week 2 (the days between are recorded as missed)
    const contents = nudgesIn(channel).map((m) => m.content);
    expect(contents).toHaveLength(2);
    expect(contents[0]).toContain('Tuesday');
    expect(contents[1]).toContain('Tuesday');
    expect(contents[1]).not.toBe(contents[0]);
  });

  it(
    'after downtime, a nudge within the 3-hour grace window is sent late once; an older one is skipped and ' +
      'recorded',
    async () => {
      const late = await enroll();
      await tickAt('2026-06-01T08:00:00Z'); // 2.5 h late
      expect(nudgesIn(late.channel)).toHaveLength(1);
      const missed = await enroll();
      await tickAt('2026-06-01T09:00:01Z'); // 3.5 h late
      expect(nudgesIn(missed.channel)).toHaveLength(0);
      expect((await rows(missed.memberId)).map((r) => [r.localDate, r.status])).toEqual([
        ['2026-06-01', 'skipped'],
        ['2026-06-02', 'pending'],
      ]);
    },
  );

  it('after days of downtime, each missed date is recorded as skipped and none is sent', async () => {
    const { memberId, channel } = await enroll();
    await tickAt('2026-06-04T12:00:00Z');
    expect(nudgesIn(channel)).toHaveLength(0);
    expect((await rows(memberId)).map((r) => `${r.localDate} ${r.status}`)).toEqual([
      '2026-06-01 skipped',
      '2026-06-02 skipped',
      '2026-06-03 skipped',
      '2026-06-04 skipped',
      '2026-06-05 pending',
    ]);
  });

  it('are not sent to a member who already checked in today, is paused, or turned DMs off', async () => {
    const checkedIn = await enroll();
    const paused = await enroll();
    const off = await enroll();
    at('2026-06-01T05:00:00Z');
    await bot.fake.slashCommand({ userId: checkedIn.userId, guildId: bot.guild.id, name: 'checkin' }).response();
    await bot.fake.slashCommand({ userId: paused.userId, guildId: bot.guild.id, name: 'pause' }).response();
    await bot.fake
      .slashCommand({ userId: off.userId, guildId: bot.guild.id, name: 'settings', options: { dms: false } })
      .response();
    await tickAt('2026-06-01T05:30:00Z');
    for (const member of [checkedIn, paused, off]) expect(nudgesIn(member.channel)).toHaveLength(0);
    const outcomes = await Promise.all([checkedIn, paused, off].map(async (m) => (await rows(m.memberId))[0]?.outcome));
    expect(outcomes).toEqual(['already checked in', 'paused', 'DMs turned off in /settings']);
  });

  it('closed DMs cost one failed request, stop the nudges, and re-arm when the member uses a command', async () => {
    const { userId, memberId } = await enroll({ dmsClosed: true });
    const rejectedBefore = bot.fake.stats.closedDmRejections;
    await tickAt('2026-06-01T05:30:00Z');
    await tickAt('2026-06-02T05:30:00Z');
    await tickAt('2026-06-03T05:30:00Z');
    expect(bot.fake.stats.closedDmRejections - rejectedBefore).toBe(1);
    expect((await rows(memberId)).slice(0, 3).map((r) => r.outcome)).toEqual([
      'DMs closed (50007)',
      'DMs closed',
      'DMs closed',
    ]);
    const streak = bot.fake.slashCommand({ userId, guildId: bot.guild.id, name: 'streak' });
    await expect
      .poll(async () => (await streak.response()).followUps.map((m) => m.content).join())
      .toContain('Privacy Settings');
    bot.fake.setDmsClosed(userId, false);
    await tickAt('2026-06-04T05:30:00Z');
    expect(nudgesIn(bot.fake.dmChannelOf(userId)!)).toHaveLength(1);
  });
});

describe('nudge buttons', () => {
  it("Check in opens a form prefilled with today's activity and minutes, and records the check-in", async () => {
    const { userId, channel, memberId } = await enroll();
    await tickAt('2026-06-01T05:30:00Z');
    const nudge = nudgesIn(channel)[0]!;
    const modal = await bot.fake
      .clickButton({ userId, message: nudge, customId: 'nudge:checkin:2026-06-01' })
      .response();
    expect(JSON.stringify(modal.modal)).toContain('"value":"coding"');
    expect(JSON.stringify(modal.modal)).toContain('"value":"60"');
    const bad = await bot.fake
      .submitModal({
        userId,
        customId: 'checkin-modal:2026-06-01',
        fields: { activity: 'coding', minutes: '0', note: '', link: '' },
      })
      .response();
    expect(bad.content).toContain('minutes: must be at least 1');
    // the form again
    await bot.fake.clickButton({ userId, message: nudge, customId: 'nudge:checkin:2026-06-01' }).response();
    const done = await bot.fake
      .submitModal({
        userId,
        customId: 'checkin-modal:2026-06-01',
        fields: { activity: 'coding', minutes: '50', note: 'heaps', link: '' },
      })
      .response();
    expect(done.content).toContain('Checked in: 50 min for today');
    expect(await bot.ctx.store.checkins.listForMember(memberId)).toHaveLength(1);
  });

  it('Snooze 1 h survives a restart of the bot and reminds once; Skip today cancels a snooze', async () => {
    const snoozer = await enroll();
    const skipper = await enroll();
    await tickAt('2026-06-01T05:30:00Z');
    for (const m of [snoozer, skipper]) {
      const view = await bot.fake
        .clickButton({ userId: m.userId, message: nudgesIn(m.channel)[0]!, customId: 'nudge:snooze:2026-06-01' })
        .response();
      expect(view.content).toContain('remind you at 08:30');
    }
    const choices = await bot.fake
      .clickButton({
        userId: skipper.userId,
        message: nudgesIn(skipper.channel)[0]!,
        customId: 'nudge:skip:2026-06-01',
      })
      .response();
    expect(choices.content).toContain('no freeze'); // a new member holds none: no rest day is offered
    const quiet = await bot.fake
      .clickButton({ userId: skipper.userId, message: choices.message!, customId: 'skip-choice:quiet:2026-06-01' })
      .response();
    expect(quiet.content).toContain('No more nudges today');

    await bot.stop(); // the bot goes down with the snoozes pending, and comes back on the same database
    const restarted = await startTestBot({
      reuse: { fake: bot.fake, guild: bot.guild, database: bot.database },
      clock: '2026-06-01T06:30:00Z',
    });
    const reminders = (m: { channel: string }) =>
      bot.fake.messages(m.channel).filter((msg) => msg.content.startsWith('⏰ Reminder'));
    try {
      await restarted.app.scheduler.tick();
      await restarted.app.scheduler.tick();
      expect(reminders(snoozer)).toHaveLength(1);
      expect(reminders(skipper)).toHaveLength(0);
      expect(restarted.problems()).toEqual([]);
    } finally {
      await restarted.close();
    }
  });
});
