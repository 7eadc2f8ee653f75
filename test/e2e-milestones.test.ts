import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../commands/index.js';
import { members, milestonesDone } from '../schema/index.js';
import { deployCommands } from '../src/discord/deploy.js';
import { defaultPlan } from '../src/plan/default-plan.js';
import { allItems } from '../src/plan/model.js';
import { type Database, openPostgres } from '../src/store/db.js';
import { type FakeDiscord, startFakeDiscord } from './fake-discord/index.js';
import { startTestBot, type TestBot } from './support/bot.js';
import { backends, createThrowawayDatabase } from './support/db.js';
import { startTcpProxy, throughProxy } from './support/tcp-proxy.js';

// /milestone and /progress through the real discord.js client and the fake Discord. The clock reads
// Monday 2026-06-01 12:00 in Berlin; a member who started on 2026-03-01 is in month 4, phase 2.
type Choice = { name: string; value: string };
const phase2 = allItems(defaultPlan.phases[1]!).map((item) => item.id);

function driver(bot: TestBot) {
  const run = (userId: string, name: string, subcommand?: string, options: Record<string, string> = {}) =>
    bot.fake.slashCommand({ userId, guildId: bot.guild.id, name, subcommand, options }).response();
  const suggest = async (userId: string, subcommand: string, item: string) => {
    const interaction = bot.fake.autocomplete({
      userId,
      guildId: bot.guild.id,
      name: 'milestone',
      subcommand,
      options: { item },
      focused: 'item',
    });
    return (await interaction.response({ timeoutMs: 5_000 })).choices as Choice[];
  };
  const enroll = async (start: string) => {
    const userId = bot.addUser();
    expect((await run(userId, 'start', undefined, { timezone: 'Europe/Berlin', start })).content).toContain('Welcome');
    return userId;
  };
  const stored = async (userId: string) => {
    const { db } = bot.database;
    const [member] = await db.select().from(members).where(eq(members.discordUserId, userId));
    const rows = await db
      .select()
      .from(milestonesDone)
      .where(eq(milestonesDone.memberId, member?.id ?? -1));
    return rows.map((row) => [row.milestoneId, row.localDate]);
  };
  return { run, suggest, enroll, stored };
}

describe.each(backends)('/milestone and /progress on $name', (backend) => {
  let bot: TestBot;
  let d: ReturnType<typeof driver>;
  beforeAll(async () => {
    bot = await startTestBot({ backend: backend.name, clock: '2026-06-01T10:00:00Z' });
    d = driver(bot);
  });
  afterAll(() => bot.close());
  afterEach(() => {
    bot.clock.set('2026-06-01T10:00:00Z');
    expect(bot.problems()).toEqual([]);
  });

  it('marks an item done, /progress shows its area advanced, and a second done changes nothing', async () => {
    const userId = await d.enroll('2026-05-25');
    const done = await d.run(userId, 'milestone', 'done', { item: 'p1-skill-dsa' });
    expect(done.ephemeral).toBe(true);
    expect(done.content).toContain('🏁 Milestone done: Revisit **data structures & algorithms**');
    expect(done.content).toContain('Phase 1 · Skill Focus: ▰▱▱ 1/3 · next: Study **Python performance tuning**');
    expect(await d.stored(userId)).toEqual([['p1-skill-dsa', '2026-06-01']]);

    const progress = await d.run(userId, 'progress');
    const fields = Object.fromEntries(progress.embeds[0]!.fields!.map((f) => [f.name, f.value]));
    expect(progress.embeds[0]?.description).toContain('Phase 1 · Foundation & Positioning — month 1, week 2');
    expect(fields).toMatchObject({
      'Days done': '0 of 7 planned',
      Milestones: '1 of 6',
      'Skill Focus':
        '▰▱▱ 1/3 · next: Study **Python performance tuning** (profiling, memory optimization, concurrency).',
      Practice: expect.stringMatching(/^▱▱ 0\/2 · next: Start solving \*\*LeetCode/),
      Positioning: expect.stringMatching(/^▱ 0\/1 · next: Begin writing/),
    });

    bot.clock.set('2026-06-02T10:00:00Z');
    const again = await d.run(userId, 'milestone', 'done', { item: 'p1-skill-dsa' });
    expect(again.content).toContain('Already marked done, nothing changed');
    expect(await d.stored(userId)).toEqual([['p1-skill-dsa', '2026-06-01']]); // the first date stays
  });

  it('an area with every item done says so', async () => {
    const userId = await d.enroll('2026-05-25');
    await d.run(userId, 'milestone', 'done', { item: 'p1-positioning-linkedin-posts' });
    const progress = await d.run(userId, 'progress');
    expect(progress.embeds[0]!.fields!.find((f) => f.name === 'Positioning')?.value).toBe('▰ 1/1 · all done ✅');
  });

  it('undo takes a milestone back, and undo of an item not done changes nothing', async () => {
    const userId = await d.enroll('2026-05-25');
    await d.run(userId, 'milestone', 'done', { item: 'p1-practice-daily-problem' });
    const undone = await d.run(userId, 'milestone', 'undo', { item: 'p1-practice-daily-problem' });
    expect(undone.content).toContain('Milestone taken back, open again: Start solving **LeetCode');
    expect(undone.content).toContain('Phase 1 · Practice: ▱▱ 0/2 · next: Start solving');
    expect(await d.stored(userId)).toEqual([]);
    const again = await d.run(userId, 'milestone', 'undo', { item: 'p1-practice-daily-problem' });
    expect(again.content).toContain('not marked done, so there is nothing to undo');
    expect(await d.stored(userId)).toEqual([]);
  });

  it('refuses an item that is not in the plan with a private error, and stores nothing', async () => {
    const userId = await d.enroll('2026-05-25');
    for (const sub of ['done', 'undo']) {
      const view = await d.run(userId, 'milestone', sub, { item: 'finished the DSA chapter' });
      expect(view.ephemeral).toBe(true);
      expect(view.content).toContain('item: is not an item of the plan; choose one of the suggestions');
    }
    expect(await d.stored(userId)).toEqual([]);
    expect((await d.run(bot.addUser(), 'milestone', 'done', { item: 'p1-skill-dsa' })).content).toContain('Use /start');
  });

  it("suggests the member's phase first (open items for done, done ones for undo), filtered, at most 25", async () => {
    const userId = await d.enroll('2026-03-01'); // month 4: phase 2
    await d.run(userId, 'milestone', 'done', { item: 'p2-practice-dataset-pipeline' });
    const open = phase2.filter((id) => id !== 'p2-practice-dataset-pipeline');

    const forDone = await d.suggest(userId, 'done', '');
    expect(forDone).toHaveLength(25); // the plan has 26 items
    expect(forDone.slice(0, phase2.length).map((c) => c.value)).toEqual([...open, 'p2-practice-dataset-pipeline']);
    expect(forDone[phase2.length - 1]?.name).toMatch(/^✓ P2 · Pick a real dataset \(e\.g\., Strava/);
    for (const { name } of forDone) {
      expect(name.length).toBeLessThanOrEqual(100);
      expect(name).not.toMatch(/\*\*|`/);
    }

    const forUndo = await d.suggest(userId, 'undo', '');
    expect(forUndo[0]).toMatchObject({
      value: 'p2-practice-dataset-pipeline',
      name: expect.stringMatching(/^✓ P2 · /),
    });

    const filtered = await d.suggest(userId, 'done', 'BLOG');
    expect(filtered.map((c) => c.value)).toEqual([
      'p2-practice-performance-blog',
      'p3-positioning-blog-github',
      'p4-career-salary-negotiation', // "…portfolio proof (GitHub, blogs, talks)"
    ]);
  });

  it('suggests the plan in order to someone not enrolled', async () => {
    const choices = await d.suggest(bot.addUser(), 'done', '');
    expect(choices[0]?.value).toBe('p1-skill-dsa');
  });
});

describe('/milestone suggestions while the database is away', () => {
  let fake: FakeDiscord;
  let throwaway: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let proxied: Database;
  let bot: TestBot;
  let d: ReturnType<typeof driver>;
  beforeAll(async () => {
    fake = await startFakeDiscord();
    throwaway = await createThrowawayDatabase();
    proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(throwaway.url).port || 5432) });
    proxied = await openPostgres(throughProxy(throwaway.url, proxy.port), { max: 4 });
    await deployCommands({ token: fake.token, appId: fake.applicationId, apiBase: fake.apiBase, commands });
    const guild = fake.addGuild({ name: 'Outage group' });
    bot = await startTestBot({ reuse: { fake, guild, database: proxied }, clock: '2026-06-01T10:00:00Z' });
    d = driver(bot);
  }, 60_000);
  afterAll(async () => {
    proxy.restore();
    await bot.close();
    await proxied.close();
    await proxy.close();
    await throwaway.drop();
    await fake.close();
  });

  it.each([
    ['hangs', () => proxy.stall()],
    ['refuses connections', () => proxy.cut()],
  ])(
    'that %s: the plan alone is offered within Discord’s 3 s',
    async (_how, outage) => {
      const userId = await d.enroll('2026-03-01'); // phase 2: with the database, its items come first
      expect((await d.suggest(userId, 'done', ''))[0]?.value).toBe(phase2[0]);
      outage();
      const started = Date.now();
      const choices = await d.suggest(userId, 'done', '');
      const tookMs = Date.now() - started;
      proxy.restore();
      expect(choices).toHaveLength(25);
      expect(choices[0]?.value).toBe('p1-skill-dsa');
      expect(tookMs).toBeLessThan(3_000);
      expect(bot.logs.some((log) => String(log.msg).startsWith('milestone suggestions: member lookup'))).toBe(true);
      expect(bot.problems()).toEqual([]);
    },
    30_000,
  );
});
