import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { commitments, members, phaseReviews, reflections } from '../schema/index.js';
import { heatmapColors, heatmapLayout, heatmapSize } from '../src/render/heatmap.js';
import type { UserView } from './fake-discord/index.js';
import { useTestBot } from './support/bot.js';
import { rowsNamingMember } from './support/member-rows.js';
import { cellColour, decodePng } from './support/png.js';

// /streak's picture, /export's files and /forget, end to end through the fake Discord (PGlite).
const bot = useTestBot('2026-06-01T10:00:00Z');

const run = (userId: string, name: string, options: Record<string, string | number> = {}) =>
  bot.fake.slashCommand({ userId, guildId: bot.guild.id, name, options }).response();
const click = (userId: string, view: UserView, customId: string) =>
  bot.fake.clickButton({ userId, message: view.message!, customId }).response();

async function enroll(start: string): Promise<{ userId: string; memberId: number }> {
  const userId = bot.addUser();
  await run(userId, 'start', { timezone: 'Europe/Berlin', time: '07:30', start });
  const [row] = await bot.database.db.select().from(members).where(eq(members.discordUserId, userId));
  return { userId, memberId: row!.id };
}
async function checkinOn(userId: string, day: string, options: Record<string, string | number> = {}) {
  bot.clock.set(`${day}T10:00:00Z`);
  expect((await run(userId, 'checkin', options)).content).toContain('Checked in');
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; records end with CRLF. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      field = '';
      i += 1;
      while (!(text[i] === '"' && text[i + 1] !== '"')) {
        expect(i).toBeLessThan(text.length); // an unterminated quote
        field += text[i];
        i += text[i] === '"' ? 2 : 1; // a doubled quote is one quote
      }
      i += 1;
    } else {
      const end = text.slice(i).search(/,|\r\n/);
      field = text.slice(i, i + end);
      i += end;
    }
    record.push(field);
    if (text.startsWith('\r\n', i)) {
      records.push(record);
      record = [];
      i += 2;
    } else {
      expect(text[i]).toBe(',');
      i += 1;
    }
  }
  expect(record).toEqual([]); // the last record ended with CRLF
  return records;
}

describe('/streak', () => {
  it("attaches a PNG of the member's last 12 weeks, one row per week", async () => {
    const { userId } = await enroll('2026-05-04');
    for (const day of ['2026-05-28', '2026-05-29']) await checkinOn(userId, day);
    bot.clock.set('2026-05-29T12:00:00Z');
    const view = await run(userId, 'streak');
    expect(view.content).toContain('Streak: **2** days');
    const [png] = view.attachments;
    expect(png?.filename).toBe('streak-12-weeks.png');
    expect(png?.data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const size = heatmapSize(12);
    expect({ width: png!.data.readUInt32BE(16), height: png!.data.readUInt32BE(20) }).toEqual({
      width: size.width * heatmapLayout.scale,
      height: size.height * heatmapLayout.scale,
    });
  });
});

describe('/export', () => {
  it('sends JSON, CSV and a brag document that parse and hold every check-in and every link', async () => {
    const { userId, memberId } = await enroll('2026-05-25');
    const notes = ['plain', 'a, b and "c"', 'two\r\nlines', 'line\nbreak, "quoted"'];
    const links = [
      'https://github.com/o/r/pull/1',
      'https://dev.to/me/post?x=1,2',
      'https://leetcode.com/problems/two-sum/',
    ];
    await checkinOn(userId, '2026-05-25', { note: notes[0]!, link: links[0]! });
    await checkinOn(userId, '2026-05-26', { note: notes[1]!, link: links[1]! });
    await checkinOn(userId, '2026-05-28', { note: notes[2]!, activity: 'open_source', link: links[2]! });
    await checkinOn(userId, '2026-05-29', { note: notes[3]!, milestone: 'p1-skill-dsa' });
    const view = await run(userId, 'export');
    expect(view.ephemeral).toBe(true);
    const files = Object.fromEntries(view.attachments.map((f) => [f.filename, f.data.toString('utf8')]));
    expect(Object.keys(files).sort()).toEqual([
      'brag-document.md',
      'career-coach-checkins.csv',
      'career-coach-data.json',
    ]);
    const json = JSON.parse(files['career-coach-data.json']!);
    expect(json.member).toMatchObject({ id: memberId, discord_user_id: userId, time_zone: 'Europe/Berlin' });
    expect(json.tables.checkins.map((c: { note: string }) => c.note)).toEqual(notes);
    expect(json.tables.milestones_done).toEqual([expect.objectContaining({ milestone_id: 'p1-skill-dsa' })]);
    expect(json.tables.group_members).toHaveLength(1);
    expect(json.tables.deliveries.length).toBeGreaterThan(0); // the planned nudge
    const [header, ...rows] = parseCsv(files['career-coach-checkins.csv']!);
    expect(header).toEqual(['id', 'local_date', 'activity', 'minutes', 'note', 'link', 'created_at']);
    expect(rows.map((r) => [r[1], r[4], r[5]])).toEqual([
      ['2026-05-25', notes[0], links[0]],
      ['2026-05-26', notes[1], links[1]],
      ['2026-05-28', notes[2], links[2]],
      ['2026-05-29', notes[3], ''],
    ]);
    const brag = files['brag-document.md']!;
    for (const link of links) expect(brag).toContain(`<${link}>`);
    expect(brag).toContain('### Phase 1 · Foundation & Positioning');
    expect(brag).toContain('#### Open source\n\n- 2026-05-28: two lines <https://leetcode.com/problems/two-sum/>');
    expect(brag).toContain('- Days with a check-in: 4');
    expect(brag).toContain('- Minutes: 240 (4.0 hours)');
    expect(brag).toContain('- Longest streak: 2 days');
    expect(brag).toMatch(/## Milestones\n\n- 2026-05-29: Phase 1: /);
  });
});

describe('/forget', () => {
  it('deletes every row that names the member in every table after a confirmation, and only theirs', async () => {
    const alice = await enroll('2026-05-25');
    const bob = await enroll('2026-05-25');
    for (const who of [alice, bob]) await checkinOn(who.userId, '2026-05-27', { milestone: 'p1-skill-dsa' });
    // Six more required days (Saturday is optional) earn Alice a freeze, which she takes as a rest day.
    for (const day of ['2026-05-25', '2026-05-26', '2026-05-28', '2026-05-29', '2026-05-31', '2026-06-01'])
      await checkinOn(alice.userId, day);
    expect((await bot.ctx.store.freezes.takeRestDay(alice.memberId, '2026-06-02', bot.clock.now())).status).toBe(
      'taken',
    );
    const { db } = bot.database;
    await db.insert(reflections).values({ memberId: alice.memberId, weekStart: '2026-05-25', wentWell: 'graphs' });
    const goals = [1, 2].map((position) => ({ memberId: alice.memberId, weekStart: '2026-06-01', position }));
    await db.insert(commitments).values(goals.map((goal) => ({ ...goal, text: `goal ${goal.position}` })));
    await db.insert(phaseReviews).values({ memberId: alice.memberId, phase: 1, round: 0, reviewDate: '2026-06-01' });
    await bot.ctx.store.members.pause(alice.memberId, '2026-06-10');
    await bot.ctx.store.deliveries.snooze(alice.memberId, '2026-05-27', new Date('2026-05-27T11:00:00Z'));
    const before = await rowsNamingMember(bot.database.db, alice.memberId, alice.userId);
    // Every table with a member_id column is checked, and Alice had rows in each table that names a member.
    const catalogue = await db.execute(sql`select table_name from information_schema.columns
      where table_schema = current_schema() and column_name = 'member_id'`);
    const memberIdTables = (Array.isArray(catalogue) ? catalogue : (catalogue as { rows: unknown[] }).rows).map((row) =>
      String((row as { table_name: string }).table_name),
    );
    expect(memberIdTables).toEqual(
      expect.arrayContaining(['rest_days', 'frozen_days', 'reflections', 'commitments', 'phase_reviews']),
    );
    for (const table of memberIdTables) expect(Object.keys(before)).toContain(`${table}.member_id`);
    for (const key of ['members.id', ...memberIdTables.map((table) => `${table}.member_id`)])
      expect.soft(before[key], key).toBeGreaterThan(0);
    expect(before['deliveries.subject_id']).toBe(2); // the nudge and the snooze
    const bobBefore = await rowsNamingMember(bot.database.db, bob.memberId, bob.userId);
    // /export holds the rest day and the day the freeze covered; the brag document counts the freeze.
    const exported = await run(alice.userId, 'export');
    const files = Object.fromEntries(exported.attachments.map((f) => [f.filename, f.data.toString('utf8')]));
    const json = JSON.parse(files['career-coach-data.json']!);
    expect(json.tables.rest_days).toEqual([expect.objectContaining({ local_date: '2026-06-02' })]);
    expect(json.tables.frozen_days).toEqual([{ member_id: alice.memberId, local_date: '2026-06-02', kind: 'rest' }]);
    expect(json.tables.phase_reviews).toHaveLength(1);
    expect(files['brag-document.md']).toContain('- Streak freezes used: 1');

    const ask = await run(alice.userId, 'forget');
    expect(ask.content).toContain('Messages already posted in Discord stay');
    expect((await rowsNamingMember(bot.database.db, alice.memberId, alice.userId))['members.id']).toBe(1);
    const done = await click(alice.userId, ask, `forget:confirm:${alice.memberId}`);
    expect(done.content).toBe(
      '🗑️ Done. I deleted everything I kept about you: 1 enrollment, 7 check-ins, 2 commitments, ' +
        '1 day a freeze covered, 1 group membership, 1 pause, 1 milestone, 1 phase review, 1 reflection, ' +
        '1 rest day, 2 nudges and reminders.',
    );
    const after = await rowsNamingMember(bot.database.db, alice.memberId, alice.userId);
    expect(Object.entries(after).filter(([, n]) => n > 0)).toEqual([]);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(await rowsNamingMember(bot.database.db, bob.memberId, bob.userId)).toEqual(bobBefore);

    const again = await click(alice.userId, ask, `forget:confirm:${alice.memberId}`);
    expect(again.content).toContain('Your data is already deleted: there is nothing more to forget.');
    expect(await rowsNamingMember(bot.database.db, bob.memberId, bob.userId)).toEqual(bobBefore);
    expect((await run(alice.userId, 'forget')).content).toContain('There is nothing to forget');
  });

  it('a confirmation from before a new /start deletes nothing of the new enrollment', async () => {
    const carol = await enroll('2026-05-25');
    const ask = await run(carol.userId, 'forget');
    await click(carol.userId, ask, `forget:confirm:${carol.memberId}`);
    await run(carol.userId, 'start', { timezone: 'Europe/Berlin', time: '07:30', start: '2026-06-01' });
    const stale = await click(carol.userId, ask, `forget:confirm:${carol.memberId}`);
    expect(stale.content).toContain('This confirmation is from before you enrolled again, so nothing was deleted');
    expect(await bot.ctx.store.members.findByDiscordId(carol.userId)).toBeDefined();
  });

  it('tells a user who never enrolled that there is nothing to forget', async () => {
    const view = await run(bot.addUser(), 'forget');
    expect(view.content).toBe('There is nothing to forget: I keep no data about you.');
    expect(view.components).toEqual([]);
  });
});

describe('/streak with a freeze spent', () => {
  it('draws the frozen day as its own state, neither done nor missed', async () => {
    bot.clock.set('2026-06-01T10:00:00Z');
    const { userId, memberId } = await enroll('2026-06-01');
    // Seven required days done (Saturday is optional) earn a freeze; it covers the missed Tuesday 2026-06-09.
    const done = ['2026-06-01', '2026-06-02', '2026-06-03', '2026-06-04', '2026-06-05', '2026-06-07', '2026-06-08'];
    for (const day of [...done, '2026-06-10']) await checkinOn(userId, day);
    expect(await bot.ctx.store.freezes.frozenDays(memberId)).toEqual([{ date: '2026-06-09', kind: 'auto' }]);
    bot.clock.set('2026-06-10T12:00:00Z');
    const view = await run(userId, 'streak');
    const image = decodePng(view.attachments[0]!.data);
    // The last row is the week from Monday 2026-06-08, the row above it the week from 2026-06-01.
    expect([0, 1, 2].map((day) => cellColour(image, 11, day))).toEqual([
      heatmapColors.done,
      heatmapColors.frozen,
      heatmapColors.done,
    ]);
    expect(cellColour(image, 10, 5)).toBe(heatmapColors.optional);
  });
});
