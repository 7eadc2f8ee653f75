// `npm run demo`: the real bot and the fake Discord in one process, on an in-memory database,
// playing a short conversation and printing what a Discord user would see. No token needed.
import type { APIEmbed } from 'discord-api-types/v10';
import { eq } from 'drizzle-orm';
import { members } from '../schema/index.js';
import { phaseDates } from '../src/coach/phase-review.js';
import { instantAt } from '../src/coach/time.js';
import type { FakeMessage, UserView } from './fake-discord/index.js';
import { startTestBot, type TestBot } from './support/bot.js';

const say = (line = '') => process.stdout.write(`${line}\n`);
const indent = (text: string) =>
  text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');

function embedText(embed: APIEmbed): string {
  return [
    embed.title && `**${embed.title}**`,
    embed.description,
    ...(embed.fields ?? []).map((f) => `${f.name}: ${f.value}`),
    embed.footer?.text && `— ${embed.footer.text}`,
  ]
    .filter(Boolean)
    .join('\n');
}
function buttons(components: unknown): string {
  const labels = ((components as Array<{ components?: Array<{ label?: string }> }> | undefined) ?? [])
    .flatMap((row) => row.components ?? [])
    .map((c) => `[${c.label}]`);
  return labels.length > 0 ? `\n${labels.join(' ')}` : '';
}
function show(from: string, view: Pick<UserView, 'content' | 'embeds' | 'components'> & { ephemeral?: boolean }): void {
  const text = [view.content, ...view.embeds.map(embedText)].filter(Boolean).join('\n') + buttons(view.components);
  say(`  ${from}${view.ephemeral ? ' (only you can see this)' : ''}:`);
  say(indent(text));
  say();
}
const dm = (message: FakeMessage) =>
  show('career-coach, in your DMs', {
    content: message.content,
    embeds: message.embeds,
    components: message.components,
  });

async function main(): Promise<void> {
  const started = Date.now();
  const bot = await startTestBot({ clock: '2026-06-01T08:00:00Z' }); // Monday 10:00 in Berlin
  const ada = bot.addUser();
  const run = async (label: string, name: string, options: Record<string, string | number> = {}) => {
    say(
      `▶ Ada: /${name} ${Object.entries(options)
        .map(([k, v]) => `${k}:${v}`)
        .join(' ')}  (${label})`,
    );
    const answer = await bot.fake.slashCommand({ userId: ada, guildId: bot.guild.id, name, options }).response();
    show('career-coach', answer);
    return answer;
  };
  try {
    say(
      'career-coach demo: a member enrolls, checks in on two days, asks for streak and progress, reflects on ' +
        "Sunday, Monday's nudge quotes her commitment, and at the end of phase 1 she extends it by 2 weeks.\n",
    );
    await run('Monday 10:00', 'start', { timezone: 'Europe/Berlin', time: '07:30' });
    const dmChannel = bot.fake.dmChannelOf(ada)!;
    dm(bot.fake.messages(dmChannel).at(-1)!);
    await run('Monday 10:05', 'checkin', {
      minutes: 45,
      note: 'Two Sum in O(n) with a hash map',
      link: 'https://leetcode.com/problems/two-sum',
    });

    bot.clock.set('2026-06-02T05:30:00Z'); // Tuesday 07:30 Berlin: the nudge is due
    say('⏰ Tuesday 07:30 in Berlin: the scheduler ticks.');
    await bot.app.scheduler.tick();
    const nudge = bot.fake.messages(dmChannel).at(-1)!;
    dm(nudge);
    say('▶ Ada clicks [Check in] and submits the form.');
    const modal = await bot.fake
      .clickButton({ userId: ada, message: nudge, customId: 'nudge:checkin:2026-06-02' })
      .response();
    say(`  (a form opens: ${(modal.modal as { title?: string }).title})`);
    const submitted = await bot.fake
      .submitModal({
        userId: ada,
        customId: 'checkin-modal:2026-06-02',
        fields: {
          activity: 'coding',
          minutes: '60',
          note: 'LRU cache + read about back-pressure in pipelines',
          link: '',
        },
      })
      .response();
    show('career-coach', submitted);

    await run('Tuesday 08:00', 'streak');
    await run('Tuesday 08:00', 'progress');
    await run('Tuesday 08:00', 'today');
    await playWeeklyLoop(bot, ada, dmChannel);
    await playPhaseReview(bot, ada, dmChannel, run);
    const problems = bot.problems();
    if (problems.length > 0) throw new Error(`the demo hit problems:\n${problems.join('\n')}`);
    say(`Demo finished in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await bot.close();
  }
}

/** Sunday's nudge, the reflection form from its Reflect button, and Monday's nudge quoting a commitment. */
async function playWeeklyLoop(bot: TestBot, ada: string, dmChannel: string): Promise<void> {
  const tickAt = async (iso: string) => {
    bot.clock.set(iso);
    await bot.app.scheduler.tick(); // the days in between are recorded as missed ...
    await bot.app.scheduler.tick(); // ... and today's nudge goes out
  };
  say('⏰ Sunday 07:30 in Berlin (the clock jumps): the scheduler ticks.');
  await tickAt('2026-06-07T05:30:00Z');
  const sunday = bot.fake.messages(dmChannel).at(-1)!;
  dm(sunday);
  say('▶ Ada clicks [Reflect] and submits the form.');
  await bot.fake.clickButton({ userId: ada, message: sunday, customId: 'reflect:open:2026-06-07' }).response();
  const fields = {
    went_well: 'Two check-ins, and the LRU cache finally clicked',
    in_the_way: 'Late meetings Wednesday to Friday',
    commitments: 'Mon: one graph problem before work\nThu: first PR to DuckDB\nwrite about B-trees',
  };
  say(indent(Object.values(fields).join('\n')));
  show('career-coach', await bot.fake.submitModal({ userId: ada, customId: 'reflect-modal', fields }).response());
  say('⏰ Monday 07:30: the new week starts.');
  await tickAt('2026-06-08T05:30:00Z');
  const monday = bot.fake.messages(dmChannel).at(-1)!;
  dm(monday);
  const done = JSON.stringify(monday.components).match(/commit:done:\d+/)?.[0] ?? 'commit:done:missing';
  say('▶ Ada solves the problem and clicks [Done].');
  show('career-coach', await bot.fake.clickButton({ userId: ada, message: monday, customId: done }).response());
}

/** The first nudge after phase 1 ends is its review; Extend 2 weeks shows in /today. */
async function playPhaseReview(
  bot: TestBot,
  ada: string,
  dmChannel: string,
  run: (label: string, name: string) => Promise<UserView>,
): Promise<void> {
  const [member] = await bot.database.db.select().from(members).where(eq(members.discordUserId, ada));
  if (!member) throw new Error('Ada is not enrolled');
  // From the plan, not a fixed date: the local day after phase 1's last one (no pauses, no extensions yet).
  const phase1 = phaseDates({
    plan: bot.ctx.plan,
    start: member.planStartDate,
    pauses: [],
    extensions: [],
    phase: 1,
    asOf: member.planStartDate,
  });
  if (!phase1) throw new Error('the plan has no phase 1');
  const reviewDay = phase1.endDate;
  say(`⏰ ${reviewDay} 07:30 in Berlin, the first day after phase 1 (the clock jumps): the scheduler ticks.`);
  // Ticks just before, at and after the due time: the skipped days are recorded, then the review day's nudge goes.
  const due = instantAt(reviewDay, '07:30', member.timeZone);
  bot.clock.set(new Date(due.getTime() - 60_000).toISOString());
  await bot.app.scheduler.tick();
  bot.clock.set(due.toISOString());
  await bot.app.scheduler.tick();
  bot.clock.set(new Date(due.getTime() + 60_000).toISOString());
  await bot.app.scheduler.tick();
  const review = bot.fake.messages(dmChannel).at(-1)!;
  dm(review);
  const extend = JSON.stringify(review.components).match(/review:extend_2:[^"]+/)?.[0];
  if (!extend) throw new Error('the review nudge has no Extend 2 weeks button');
  say('▶ Ada clicks [Extend 2 weeks].');
  show('career-coach', await bot.fake.clickButton({ userId: ada, message: review, customId: extend }).response());
  const today = await run(`${reviewDay} 07:35`, 'today');
  if (!today.embeds[0]?.footer?.text?.includes('extended (week 1 of 2)')) throw new Error('/today shows no extension');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
