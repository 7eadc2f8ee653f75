import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { phaseReviews } from '../schema/index.js';
import { enrollMember, nudgesIn as nudgesOf, type TestBot, useTestBot } from './support/bot.js';

// Phase reviews and the coach's notes through the real bot, the fake Discord and PGlite, with a test clock.
// Members nudge at 07:30 Berlin (05:30Z in June). A plan started on 2026-03-01 ends its phase 1 on
// 2026-05-31, so Monday 2026-06-01's nudge is the review.
const bot = useTestBot('2026-05-31T20:00:00Z');

const at = (iso: string) => bot.clock.set(iso);
async function enroll(start = '2026-03-01') {
  at('2026-05-31T20:00:00Z');
  return enrollMember(bot, start);
}
const nudgesIn = (channel: string) => nudgesOf(bot, channel);
const reviewsIn = (channel: string) => nudgesIn(channel).filter((m) => m.content.includes('review: '));
async function nudgeOn(day: string) {
  at(`${day}T05:30:00Z`);
  await bot.app.scheduler.tick();
  at(`${day}T05:31:00Z`);
  await bot.app.scheduler.tick();
}
const buttonIds = (message: { components?: unknown[] }) =>
  JSON.stringify(message.components ?? []).match(/"custom_id":"[^"]+"/g) ?? [];
const reviewButton = (message: { components?: unknown[] }, choice: string) => {
  const id = buttonIds(message).find((b) => b.includes(`review:${choice}:`));
  return id?.slice('"custom_id":"'.length, -1) ?? '';
};
const reviewRows = (memberId: number) =>
  bot.database.db.select().from(phaseReviews).where(eq(phaseReviews.memberId, memberId));
async function command(userId: string, name: string) {
  return bot.fake.slashCommand({ userId, guildId: bot.guild.id, name, options: {} }).response();
}
async function click(userId: string, message: Parameters<TestBot['fake']['clickButton']>[0]['message'], id: string) {
  return bot.fake.clickButton({ userId, message, customId: id }).response();
}

describe('phase review', () => {
  it('is the first nudge after the phase ends, once, with its three choices and the check-in button', async () => {
    const { channel, memberId } = await enroll();
    // Saturday reflections (no check-in) commit for the next week: two weeks in phase 1, one after it.
    const reflect = (saturday: string, text: string) =>
      bot.ctx.store.reflections.submit(
        { id: memberId, timeZone: 'Europe/Berlin' },
        { wentWell: '', inTheWay: '', commitments: text },
        { now: new Date(`${saturday}T12:00:00Z`), interactionId: `reflect-${saturday}` },
      );
    const march = await reflect('2026-03-07', 'Thu: first PR\nread a chapter');
    const april = await reflect('2026-04-04', 'Mon: mock interview');
    await reflect('2026-05-30', 'after the phase'); // for the week of 2026-06-01: phase 2's
    await bot.ctx.store.reflections.markDone(memberId, march.commitments[0]!.id, '2026-03-12');
    await bot.ctx.store.reflections.markDone(memberId, april.commitments[0]!.id, '2026-04-06');
    await nudgeOn('2026-05-31'); // still phase 1: an ordinary nudge
    await nudgeOn('2026-06-01');
    await nudgeOn('2026-06-01'); // a second tick the same day changes nothing
    const reviews = reviewsIn(channel);
    expect(reviews).toHaveLength(1);
    const review = reviews[0]!;
    expect(review.content).toContain('Phase 1 review: Foundation & Positioning** (2026-03-01 – 2026-05-31)');
    expect(review.content).toMatch(/Days done: \*\*0\*\* of \d+ required/);
    expect(review.content).toContain('Commitments kept: 2 of 3');
    expect(review.content).toContain('move on on 2026-06-04');
    const ids = buttonIds(review).join(' ');
    for (const label of ['review:move_on:', 'review:extend_2:', 'review:extend_4:', 'nudge:checkin:2026-06-01']) {
      expect(ids).toContain(label);
    }
    await nudgeOn('2026-06-02');
    expect(reviewsIn(channel)).toHaveLength(1);
    expect(nudgesIn(channel).at(-1)?.content).toContain('Phase 1 review is waiting');
    expect(await reviewRows(memberId)).toHaveLength(1);
  });

  it('Extend 2 weeks shows in /today; a second click on the same review changes nothing', async () => {
    const { userId, channel, memberId } = await enroll();
    await nudgeOn('2026-06-01');
    const review = reviewsIn(channel)[0]!;
    expect(review.content).not.toContain('Commitments kept'); // none made: no line
    const answer = await click(userId, review, reviewButton(review, 'extend_2'));
    expect(answer.content).toContain('Phase 1 extended by 2 weeks (extension 1 of 2). It now runs until 2026-06-14');
    const today = await command(userId, 'today');
    expect(today.embeds[0]?.footer?.text).toContain('Phase 1 · Foundation & Positioning — extended (week 1 of 2)');
    const stale = await click(userId, review, reviewButton(review, 'move_on'));
    expect(stale.content).toContain('already decided on 2026-06-01: extended by 2 weeks. Nothing changed.');
    expect((await reviewRows(memberId)).map((r) => r.decision)).toEqual(['extend_2']);
    // The extension over, the phase gets its second review, again with both extensions offered.
    for (let day = 2; day <= 15; day += 1) await nudgeOn(`2026-06-${String(day).padStart(2, '0')}`);
    expect(reviewsIn(channel)).toHaveLength(2);
    expect(reviewsIn(channel)[1]?.content).toContain('(2026-03-01 – 2026-06-14)');
  });

  it('Move on shows phase 2 in /progress; Extend 4 weeks shows week 1 of 4', async () => {
    const mover = await enroll();
    const extender = await enroll();
    await nudgeOn('2026-06-01');
    const moved = reviewsIn(mover.channel)[0]!;
    expect((await click(mover.userId, moved, reviewButton(moved, 'move_on'))).content).toContain('On to Phase 2');
    expect((await command(mover.userId, 'progress')).embeds[0]?.description).toContain('Phase 2');
    const extended = reviewsIn(extender.channel)[0]!;
    await click(extender.userId, extended, reviewButton(extended, 'extend_4'));
    expect((await command(extender.userId, 'progress')).embeds[0]?.description).toContain(
      'Phase 1 · Foundation & Positioning — extended (week 1 of 4)',
    );
  });

  it('without an answer in 3 days the member moves on, the nudge says so, and a late click is answered', async () => {
    const { userId, channel, memberId } = await enroll();
    for (const day of ['2026-06-01', '2026-06-02', '2026-06-03', '2026-06-04']) await nudgeOn(day);
    const last = nudgesIn(channel).at(-1)!;
    expect(last.content).toContain('No answer to your Phase 1 review in 3 days, so you moved on to Phase 2');
    expect(last.content).toContain('Phase 2 ·');
    expect((await reviewRows(memberId)).map((r) => [r.decision, r.decidedOn])).toEqual([
      ['auto_move_on', '2026-06-04'],
    ]);
    const review = reviewsIn(channel)[0]!;
    const stale = await click(userId, review, reviewButton(review, 'extend_2'));
    expect(stale.content).toContain('already decided on 2026-06-04: moved on (no answer within 3 days)');
    expect(await bot.ctx.store.coaching.extensions(memberId)).toEqual([]);
  });
});

describe('a coach that reacts', () => {
  it('after two missed required days the next nudge is a comeback; after one it is not', async () => {
    const { channel } = await enroll('2026-06-01');
    for (const day of ['2026-06-01', '2026-06-02', '2026-06-03']) await nudgeOn(day);
    const [monday, tuesday, wednesday] = nudgesIn(channel).map((m) => m.content);
    expect(monday).not.toContain('20 minutes counts');
    expect(tuesday).not.toContain('20 minutes counts'); // one missed day
    expect(wednesday).toMatch(/^👋 Welcome back.*Start small today: one algorithm problem.*20 minutes counts\./);
  });
});
