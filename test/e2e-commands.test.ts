import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { checkins, memberPauses, members, milestonesDone } from '../schema/index.js';
import { startTestBot, useTestBot } from './support/bot.js';

// The real discord.js client and bot against the fake Discord, on embedded PGlite.
// The clock reads Monday 2026-06-01 12:00 in Berlin.
const bot = useTestBot('2026-06-01T10:00:00Z');

const run = (userId: string, name: string, options: Record<string, string | number | boolean> = {}) =>
  bot.fake.slashCommand({ userId, guildId: bot.guild.id, name, options }).response();
const enroll = async (options: Record<string, string> = {}) => {
  const userId = bot.addUser();
  const view = await run(userId, 'start', {
    timezone: 'Europe/Berlin',
    time: '07:30',
    start: '2026-06-01',
    ...options,
  });
  expect(view.content).toContain('Welcome');
  return userId;
};
const memberRow = async (userId: string) =>
  (await bot.database.db.select().from(members).where(eq(members.discordUserId, userId)))[0];
const countCheckins = async () => (await bot.database.db.select().from(checkins)).length;
const storedOf = async (userId: string) => {
  const { db } = bot.database;
  const id = (await memberRow(userId))?.id ?? -1;
  return {
    minutes: (await db.select().from(checkins).where(eq(checkins.memberId, id))).map((c) => c.minutes),
    milestones: (await db.select().from(milestonesDone).where(eq(milestonesDone.memberId, id))).map(
      (m) => m.milestoneId,
    ),
    pauses: (await db.select().from(memberPauses).where(eq(memberPauses.memberId, id))).length,
  };
};

describe('/start', () => {
  it('enrolls a member, opens their DM channel once, stores it, and says what happens next', async () => {
    const userId = bot.addUser();
    const view = await run(userId, 'start', { timezone: 'europe/berlin', time: '7:30' });
    expect(view.ephemeral).toBe(true);
    expect(view.content).toContain('Every day at **07:30** (Europe/Berlin)');
    expect(view.content).toContain('Phase 1 · Foundation & Positioning');
    const member = await memberRow(userId);
    expect(member).toMatchObject({
      planStartDate: '2026-06-01',
      dmChannelId: bot.fake.dmChannelOf(userId),
      dmsClosedAt: null,
    });
    expect(bot.fake.messages(member!.dmChannelId!).map((m) => m.content)).toEqual([
      expect.stringContaining('daily nudge arrives'),
    ]);
  });

  it('tells a member with closed DMs how to open them, and remembers it', async () => {
    const userId = bot.addUser({ dmsClosed: true });
    const view = await run(userId, 'start', { timezone: 'Asia/Kolkata' });
    expect(view.content).toContain('Privacy Settings');
    expect((await memberRow(userId))?.dmsClosedAt).toBeInstanceOf(Date);
  });

  it.each([
    ['timezone', { timezone: 'Mars/Olympus' }, 'timezone: "Mars/Olympus" is not an IANA time zone'],
    ['time', { timezone: 'Europe/Berlin', time: '25:00' }, 'time: must be a 24-hour time'],
    ['start', { timezone: 'Europe/Berlin', start: '2026-02-30' }, 'start: must be a date'],
    [
      'start',
      { timezone: 'Europe/Berlin', start: '0000-01-01' },
      'start: must be a date from 2000-01-01 to 2100-12-31',
    ],
    [
      'start',
      { timezone: 'Europe/Berlin', start: '2101-01-01' },
      'start: must be a date from 2000-01-01 to 2100-12-31',
    ],
  ])('refuses a bad %s with a private message naming it, and writes nothing', async (_field, options, message) => {
    const userId = bot.addUser();
    const view = await run(userId, 'start', options);
    expect(view.ephemeral).toBe(true);
    expect(view.content).toContain(message);
    expect(await memberRow(userId)).toBeUndefined();
  });

  it('autocompletes time zones from what the member types', async () => {
    const view = await bot.fake
      .autocomplete({
        userId: bot.addUser(),
        guildId: bot.guild.id,
        name: 'start',
        options: { timezone: 'berl' },
        focused: 'timezone',
      })
      .response();
    expect((view.choices as Array<{ value: string }>).map((c) => c.value)).toContain('Europe/Berlin');
  });
});

describe('/checkin', () => {
  it("records today's routine by default and answers with the streak and today's progress", async () => {
    const userId = await enroll();
    const view = await run(userId, 'checkin', {
      note: 'two-sum in O(n)',
      link: 'https://leetcode.com/problems/two-sum',
    });
    expect(view.ephemeral).toBe(true);
    expect(view.content).toContain('Checked in: 60 min of Coding practice for today'); // Monday: coding, 60 min
    expect(view.content).toContain('Streak: **1** day');
    expect(view.content).toContain('Today: 60 of 60 min — done');
  });

  it('a check-in for yesterday is accepted within the grace window and bridges the streak', async () => {
    const userId = await enroll({ start: '2026-05-25' });
    bot.clock.set('2026-05-30T10:00:00Z'); // Saturday
    await run(userId, 'checkin');
    bot.clock.set('2026-06-01T06:00:00Z'); // Monday 08:00: Sunday is still within the grace window
    expect((await run(userId, 'checkin', { day: 'yesterday' })).content).toContain('for 2026-05-31');
    expect((await run(userId, 'checkin')).content).toContain('Streak: **3** days');
    bot.clock.set('2026-06-01T10:00:00Z');
    expect((await run(userId, 'checkin', { day: 'yesterday' })).content).toContain(
      'day: yesterday can be logged only until 12:00',
    );
  });

  it('refuses a link that is not http(s), naming the field, and records nothing', async () => {
    const userId = await enroll();
    const before = await countCheckins();
    const view = await run(userId, 'checkin', { link: 'javascript:alert(1)' });
    expect(view.content).toContain('link: must be an http:// or https:// link');
    expect(await countCheckins()).toBe(before);
  });

  it('refuses a milestone that is not a plan item before storing anything; the retry is counted once', async () => {
    const userId = await enroll();
    const bad = await run(userId, 'checkin', { minutes: 45, note: 'two-sum', milestone: 'p1-not-an-item' });
    expect(bad.ephemeral).toBe(true);
    expect(bad.content).toContain('milestone: is not an item of the plan');
    expect(await storedOf(userId)).toMatchObject({ minutes: [], milestones: [] });
    const retry = await run(userId, 'checkin', { minutes: 45, note: 'two-sum', milestone: 'p1-skill-dsa' });
    expect(retry.content).toContain('Today: 45 of 60 min');
    expect(retry.content).toContain('Milestone recorded: p1-skill-dsa');
    expect(await storedOf(userId)).toMatchObject({ minutes: [45], milestones: ['p1-skill-dsa'] });
  });

  it('refuses a note with a NUL character, which Postgres cannot store, naming the field', async () => {
    const userId = await enroll();
    expect((await run(userId, 'checkin', { note: 'a\u0000b' })).content).toContain('note: must not contain NUL');
    expect(await storedOf(userId)).toMatchObject({ minutes: [] });
  });

  it('records a replayed interaction once; Discord refuses the second answer and nothing breaks', async () => {
    const userId = await enroll();
    const before = await countCheckins();
    const first = bot.fake.slashCommand({ userId, guildId: bot.guild.id, name: 'checkin', options: { minutes: 30 } });
    await first.response();
    const replay = bot.fake.replay(first);
    await expect.poll(() => replay.errors.map((e) => e.code), { timeout: 5000 }).toContain(40060);
    expect(await countCheckins()).toBe(before + 1);
  });

  it('asks members who are not enrolled to use /start', async () => {
    expect((await run(bot.addUser(), 'checkin')).content).toContain('Use /start');
  });
});

describe('/today, /streak, /progress', () => {
  it("shows what the plan asks today for the member's weekday and phase", async () => {
    const userId = await enroll();
    bot.clock.set('2026-06-04T10:00:00Z'); // Thursday
    const view = await run(userId, 'today');
    expect(view.embeds[0]?.title).toBe('Thursday: Open-source work (60 min)');
    expect(view.embeds[0]?.footer?.text).toContain('Phase 1 · Foundation & Positioning — month 1, week 1');
    bot.clock.set('2026-06-01T10:00:00Z');
  });

  it('shows current and best streak, and progress with days done and milestones', async () => {
    const userId = await enroll({ start: '2026-05-25' });
    for (const day of ['2026-05-25', '2026-05-26', '2026-05-27']) {
      bot.clock.set(`${day}T10:00:00Z`);
      await run(userId, 'checkin', day === '2026-05-26' ? { milestone: 'p1-skill-dsa' } : {});
    }
    bot.clock.set('2026-05-28T10:00:00Z');
    expect((await run(userId, 'streak')).content).toContain('Streak: **3** days (best 3)');
    const progress = await run(userId, 'progress');
    const fields = Object.fromEntries(progress.embeds[0]!.fields!.map((f) => [f.name, f.value]));
    expect(fields).toMatchObject({ 'Days done': '3 of 4 planned', Milestones: '1 of 6' });
    bot.clock.set('2026-06-01T10:00:00Z');
  });
});

describe('/settings, /pause, /resume', () => {
  it('shows settings, changes the time zone and time, and refuses a bad time', async () => {
    const userId = await enroll();
    expect((await run(userId, 'settings')).content).toContain('Time zone: **Europe/Berlin**');
    const changed = await run(userId, 'settings', {
      timezone: 'America/New_York',
      time: '06:15',
      visibility: 'counts',
    });
    expect(changed.content).toContain('Settings saved');
    expect(await memberRow(userId)).toMatchObject({
      timeZone: 'America/New_York',
      nudgeTime: '06:15',
      visibility: 'counts',
    });
    expect((await run(userId, 'settings', { time: '6pm' })).content).toContain('time: must be a 24-hour time');
  });

  it('pauses and resumes; the plan moves by the paused days', async () => {
    const userId = await enroll();
    expect((await run(userId, 'pause')).content).toContain('Paused from **2026-06-01**');
    expect((await run(userId, 'pause')).content).toContain('already paused');
    bot.clock.set('2026-06-08T10:00:00Z');
    expect((await run(userId, 'resume')).content).toContain('moved 7 days later');
    expect((await run(userId, 'resume')).content).toContain('You are not paused');
    expect((await run(userId, 'pause', { from: 'tomorrow' })).content).toContain('from: must be a date');
    bot.clock.set('2026-06-01T10:00:00Z');
  });

  it.each(['0000-01-01', '1999-12-31', '2101-01-01'])(
    'refuses to pause from %s, outside the dates the plan can hold, naming the field; nothing is stored',
    async (from) => {
      const userId = await enroll();
      const view = await run(userId, 'pause', { from });
      expect(view.ephemeral).toBe(true);
      expect(view.content).toContain('from: must be a date from 2000-01-01 to 2100-12-31');
      expect(await storedOf(userId)).toMatchObject({ pauses: 0 });
    },
  );
});

describe('a slow database', () => {
  it('is still answered within 3 s: the bot defers, then edits the reply', async () => {
    const pg = await startTestBot({ backend: 'Postgres' });
    try {
      const userId = pg.addUser();
      await pg.fake
        .slashCommand({ userId, guildId: pg.guild.id, name: 'start', options: { timezone: 'UTC' } })
        .response();
      // Another connection holds the member's row for 4 s: the check-in waits on a real lock.
      const url = pg.database.url!;
      const other = postgres(url, { max: 1 });
      const holding = other.begin(async (tx) => {
        await tx`select id from members where discord_user_id = ${userId} for update`;
        await tx`select pg_sleep(4)`;
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      const interaction = pg.fake.slashCommand({ userId, guildId: pg.guild.id, name: 'checkin' });
      const view = await interaction.response({ timeoutMs: 10_000 });
      await holding;
      await other.end();
      expect(interaction.responses[0]).toMatchObject({ kind: 'callback', callbackType: 5 }); // deferred
      expect(interaction.errors).toEqual([]);
      expect(view.content).toContain('Checked in');
      expect(pg.problems()).toEqual([]);
    } finally {
      await pg.close();
    }
  });
});
