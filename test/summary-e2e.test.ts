import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { checkins, deliveries, groupMembers, members, studyGroups } from '../schema/index.js';
import { startTestBot, useTestBot } from './support/bot.js';

// The weekly summary through the real bot, the fake Discord and PGlite. Week of Monday 2026-06-01;
// the group posts on Sunday 2026-06-07 at 18:00 Berlin (16:00Z).
const manageGuild = String(1 << 5);
let admin: string;
const bot = useTestBot('2026-06-01T08:00:00Z', (started) => {
  admin = started.addUser();
  started.fake.addMember(started.guild.id, admin, { permissions: manageGuild });
});

const command = (
  userId: string,
  name: string,
  options: Record<string, string | number | boolean> = {},
  guildId = bot.guild.id,
) => bot.fake.slashCommand({ userId, guildId, name, options }).response();
// Messages the bot posted itself (interaction replies come through the application's webhook).
const posts = (channelId: string) =>
  bot.fake.messages(channelId).filter((m) => m.author.id === bot.fake.botUser.id && !m.webhook_id);
async function member(name: string, visibility: 'full' | 'counts' | 'hidden', guildId = bot.guild.id) {
  const user = bot.fake.addUser({ username: name });
  bot.fake.addMember(guildId, user.id);
  await command(user.id, 'start', { timezone: 'Europe/Berlin', start: '2026-06-01' }, guildId);
  await command(user.id, 'settings', { visibility }, guildId);
  return user.id;
}

describe('the weekly summary', () => {
  it("is posted once at the configured local time, with the heatmap, respecting each member's visibility", async () => {
    const ada = await member('ada', 'full');
    const bob = await member('bob', 'counts');
    const cyd = await member('cyd', 'hidden');
    const setup = await command(admin, 'setup', { channel: bot.guild.general.id, timezone: 'Europe/Berlin' });
    expect(setup.content).toContain('every **Sunday** at **18:00** (Europe/Berlin)');
    for (const [day, userId, note] of [
      ['01', ada, 'secret-ada-note'],
      ['02', ada, 'second'],
      ['01', bob, 'secret-bob-note'],
      ['03', cyd, 'secret-cyd-note'],
    ] as const) {
      bot.clock.set(`2026-06-${day}T10:00:00Z`);
      await command(userId, 'checkin', { note, link: `https://example.com/${userId}` });
    }
    bot.clock.set('2026-06-07T15:59:00Z');
    await bot.app.scheduler.tick();
    expect(posts(bot.guild.general.id)).toHaveLength(0);
    bot.clock.set('2026-06-07T16:00:30Z');
    await bot.app.scheduler.tick();
    await bot.app.scheduler.tick();
    const [post, ...more] = posts(bot.guild.general.id);
    expect(more).toHaveLength(0);
    const text = JSON.stringify(post);
    expect(post?.files.map((f) => f.filename)).toEqual(['week-heatmap.png']);
    expect(post?.files[0]?.data.subarray(1, 4).toString()).toBe('PNG');
    expect(text).toContain('ada');
    expect(text).toContain('secret-ada-note');
    expect(text).toContain('bob'); // counts only: listed, without notes or links
    expect(text).not.toContain('secret-bob-note');
    expect(text).not.toContain('cyd');
    expect(text).not.toContain('secret-cyd-note');
    expect(text).toContain('chose not to be listed');
  });

  it('reads well for a quiet week', async () => {
    const guild = bot.fake.addGuild({ name: 'Quiet group' });
    bot.fake.addMember(guild.id, admin, { permissions: manageGuild });
    await member('dee', 'full', guild.id);
    bot.clock.set('2026-06-15T08:00:00Z');
    await command(
      admin,
      'setup',
      { channel: guild.general.id, timezone: 'UTC', weekday: 'mon', time: '09:00' },
      guild.id,
    );
    bot.clock.set('2026-06-22T09:00:00Z');
    await bot.app.scheduler.tick();
    const [post] = posts(guild.general.id);
    expect(JSON.stringify(post)).toContain('A quiet week');
  });

  it("of a 1,000-member group is split into messages that all pass Discord's schema and size limits", async () => {
    const guild = bot.fake.addGuild({ name: 'Big group' });
    bot.clock.set('2026-06-15T08:00:00Z');
    const group = await bot.ctx.store.groups.configure(
      guild.id,
      'Big group',
      { summaryChannelId: guild.general.id, timeZone: 'UTC' },
      bot.clock.now(),
    );
    const rows = await bot.database.db
      .insert(members)
      .values(
        Array.from({ length: 1000 }, (_, i) => ({
          discordUserId: String(300_000_000_000_000_000n + BigInt(i)),
          displayName: `member-${String(i).padStart(4, '0')}`,
          timeZone: 'UTC',
          nudgeTime: '08:00',
          planStartDate: '2026-06-01',
        })),
      )
      .returning();
    await bot.database.db.insert(groupMembers).values(rows.map((m) => ({ groupId: group.id, memberId: m.id })));
    await bot.database.db.insert(checkins).values(
      rows.flatMap((m, i) =>
        [15, 16, 17].slice(0, i % 4).map((d) => ({
          memberId: m.id,
          localDate: `2026-06-${d}`,
          activity: 'coding' as const,
          minutes: 45,
          note: `solved problem ${i}`,
          link: `https://example.com/p/${i}`,
          sourceInteractionId: `bulk-${m.id}-${d}`,
        })),
      ),
    );
    bot.clock.set('2026-06-21T18:00:00Z');
    await bot.app.scheduler.tick();
    const messages = posts(guild.general.id);
    expect(messages.length).toBeGreaterThan(1);
    const all = JSON.stringify(messages);
    for (const i of [0, 499, 999]) expect(all).toContain(`member-${String(i).padStart(4, '0')}`);
    const [row] = await bot.database.db
      .select()
      .from(deliveries)
      .where(
        and(eq(deliveries.kind, 'summary'), eq(deliveries.subjectId, group.id), eq(deliveries.localDate, '2026-06-15')),
      );
    expect(row?.status).toBe('sent');
  });
});

describe('/setup and /summary permissions', () => {
  it("a member without Manage Server cannot change /setup, even when Discord's gate is bypassed", async () => {
    const user = bot.addUser();
    expect(() =>
      bot.fake.slashCommand({ userId: user, guildId: bot.guild.id, name: 'setup', options: { time: '06:00' } }),
    ).toThrow(/hidden/);
    const view = await bot.fake
      .slashCommand({
        userId: user,
        guildId: bot.guild.id,
        name: 'setup',
        options: { time: '06:00' },
        bypassPermissionGate: true,
      })
      .response();
    expect(view.content).toContain('Only members with the **Manage Server** permission');
    const [group] = await bot.database.db.select().from(studyGroups).where(eq(studyGroups.guildId, bot.guild.id));
    expect(group?.summaryTime).toBe('18:00');
  });

  it("an admin previews this week's summary privately, with the picture", async () => {
    bot.clock.set('2026-06-03T10:00:00Z');
    const view = await command(admin, 'summary');
    expect(view.ephemeral).toBe(true);
    expect(view.content).toContain("Preview of this week's summary");
    expect(view.embeds.length).toBeGreaterThan(0);
  });

  it("an admin posts this week's summary now in the summary channel", async () => {
    bot.clock.set('2026-06-03T10:00:00Z');
    const before = posts(bot.guild.general.id).length;
    const view = await command(admin, 'summary', { action: 'post' });
    expect(view.content).toContain(`Posted this week's summary in <#${bot.guild.general.id}>`);
    const fresh = posts(bot.guild.general.id).slice(before);
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh[0]?.files.map((f) => f.filename)).toEqual(['week-heatmap.png']);
  });
});

describe('downtime', () => {
  it('after a 2-hour outage, is posted once when the bot comes back', async () => {
    const [group] = await bot.database.db.select().from(studyGroups).where(eq(studyGroups.guildId, bot.guild.id));
    const [next] = await bot.database.db
      .select()
      .from(deliveries)
      .where(
        and(eq(deliveries.kind, 'summary'), eq(deliveries.subjectId, group!.id), eq(deliveries.status, 'pending')),
      );
    await bot.stop(); // down from before the summary's due time until two hours after it
    const restarted = await startTestBot({
      reuse: { fake: bot.fake, guild: bot.guild, database: bot.database },
      clock: new Date(next!.dueAt.getTime() + 2 * 3_600_000).toISOString(),
    });
    try {
      const before = posts(bot.guild.general.id).length;
      await restarted.app.scheduler.tick();
      await restarted.app.scheduler.tick();
      expect(posts(bot.guild.general.id).length - before).toBe(1);
      expect(restarted.problems()).toEqual([]);
    } finally {
      await restarted.close();
    }
  });
});
