import type { APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { buildWeekSummary } from '../src/coach/summary.js';
import type { SummaryCheckin, SummaryInput, SummaryMemberInput } from '../src/coach/summary-model.js';
import { noteMaxLength } from '../src/coach/summary-text.js';
import { formatMemberRow, renderWeekSummary } from '../src/discord/summary-render.js';
import { defaultPlan } from '../src/plan/default-plan.js';
import type { ActivityKind } from '../src/plan/model.js';
import { summaryMember } from './support/summary-member.js';

// 2026-06-01 is a Monday; the week runs to Sunday 2026-06-07.
const weekStart = '2026-06-01';
const nextMonday = '2026-06-08';

const checkin = (localDate: string, activity: ActivityKind, extra: Partial<SummaryCheckin> = {}): SummaryCheckin => ({
  localDate,
  activity,
  minutes: 60,
  note: null,
  link: null,
  ...extra,
});

const member = summaryMember;

const summarize = (members: SummaryMemberInput[], extra: Partial<SummaryInput> = {}) =>
  buildWeekSummary({ plan: defaultPlan, groupName: 'Data folks', weekStart, today: nextMonday, members, ...extra });

const rowOf = (summary: ReturnType<typeof summarize>, name: string) =>
  summary.members.find((m) => m.displayName === name);

describe('weekly summary model', () => {
  it(
    'given check-ins on Mon, Tue, Thu and Fri, the finished week reads done, done, missed, done, done, ' +
      'optional, missed',
    () => {
      const ada = member('Ada', {
        checkins: ['2026-06-01', '2026-06-02', '2026-06-04', '2026-06-05'].map((d) => checkin(d, 'coding')),
      });
      const row = rowOf(summarize([ada]), 'Ada');
      expect(row?.days).toEqual(['done', 'done', 'missed', 'done', 'done', 'optional', 'missed']);
      expect(row?.daysDone).toBe(4);
    },
  );

  it('given a Saturday without a check-in it is optional, and with one it is done', () => {
    const summary = summarize([
      member('Ada'),
      member('Bo', { checkins: [checkin('2026-06-06', 'deep_dive', { minutes: 120 })] }),
    ]);
    expect(rowOf(summary, 'Ada')?.days[5]).toBe('optional');
    expect(rowOf(summary, 'Bo')?.days[5]).toBe('done');
  });

  it('days before the plan start are not_started, paused days are paused, days after today are future', () => {
    const bo = member('Bo', {
      planStartDate: '2026-06-03',
      pauses: [{ startDate: '2026-06-04', endDate: '2026-06-05' }],
      checkins: [checkin('2026-06-03', 'coding')],
    });
    expect(rowOf(summarize([bo], { today: '2026-06-05' }), 'Bo')?.days).toEqual([
      'not_started',
      'not_started',
      'done',
      'paused',
      'paused',
      'future',
      'future',
    ]);
  });

  it("a check-in dated after the group's today still shows as done (a member ahead in time zones)", () => {
    const ada = member('Ada', { checkins: [checkin('2026-06-04', 'coding')] });
    expect(rowOf(summarize([ada], { today: '2026-06-03' }), 'Ada')?.days.slice(2, 5)).toEqual([
      'missed',
      'done',
      'future',
    ]);
  });

  it('check-ins and milestones outside the week are ignored', () => {
    const ada = member('Ada', {
      checkins: [
        checkin('2026-05-31', 'reflection'),
        checkin('2026-06-08', 'coding'),
        checkin('2026-06-01', 'coding', { minutes: 45 }),
      ],
      milestones: [{ milestoneId: 'p1-skill-dsa', localDate: '2026-05-30' }],
    });
    const summary = summarize([ada]);
    expect(rowOf(summary, 'Ada')).toMatchObject({ checkins: 1, minutes: 45, milestones: 0 });
    expect(summary.milestones).toEqual([]);
  });

  it('minutes are summed by activity per member and for the group', () => {
    const ada = member('Ada', {
      checkins: [
        checkin('2026-06-01', 'coding', { minutes: 30 }),
        checkin('2026-06-01', 'writing', { minutes: 20 }),
        checkin('2026-06-02', 'coding', { minutes: 40 }),
      ],
    });
    const bo = member('Bo', {
      visibility: 'counts',
      checkins: [checkin('2026-06-04', 'open_source', { minutes: 90 })],
    });
    const summary = summarize([ada, bo]);
    expect(rowOf(summary, 'Ada')?.minutesByActivity).toMatchObject({ coding: 70, writing: 20, open_source: 0 });
    expect(rowOf(summary, 'Ada')?.daysDone).toBe(2);
    expect(summary.totals).toMatchObject({ minutes: 180, checkins: 4, activeMembers: 2, listedMembers: 2 });
    expect(summary.totals.minutesByActivity).toMatchObject({ coding: 70, writing: 20, open_source: 90 });
  });

  it('a hidden member is left out entirely and only counted in the "not listed" line', () => {
    const hidden = member('Secret Sam', {
      visibility: 'hidden',
      checkins: [checkin('2026-06-01', 'coding', { note: 'my note', link: 'https://example.com/x' })],
    });
    const summary = summarize([member('Ada', { checkins: [checkin('2026-06-01', 'coding')] }), hidden]);
    expect(summary.hiddenCount).toBe(1);
    expect(summary.members.map((m) => m.displayName)).toEqual(['Ada']);
    expect(summary.totals.checkins).toBe(1);
    const text = JSON.stringify(renderWeekSummary(summary));
    expect(text).not.toContain('Secret Sam');
    expect(text).not.toContain('my note');
    expect(text).toContain('1 member chose not to be listed.');
  });

  it('a counts-only member shows days, streak and minutes but no notes, links or milestone names', () => {
    const bo = member('Bo', {
      visibility: 'counts',
      streak: { current: 3, best: 5 },
      checkins: [
        checkin('2026-06-01', 'coding', { note: 'private note', link: 'https://example.com/private' }),
        checkin('2026-06-04', 'open_source', { link: 'https://github.com/a/b/pull/1' }),
      ],
      milestones: [{ milestoneId: 'p1-skill-dsa', localDate: '2026-06-02' }],
    });
    const summary = summarize([bo]);
    expect(rowOf(summary, 'Bo')).toMatchObject({
      visibility: 'counts',
      daysDone: 2,
      minutes: 120,
      milestones: 1,
      streak: { current: 3, best: 5 },
    });
    expect(summary.outputs).toEqual([]);
    expect(summary.milestones).toEqual([]);
    const text = JSON.stringify(renderWeekSummary(summary));
    for (const secret of ['private note', 'example.com/private', 'github.com/a/b', 'data structures'])
      expect(text).not.toContain(secret);
    expect(text).toContain('**Bo**');
  });

  it('a member whose month 4 begins this week entered phase 2; one already in phase 2 did not', () => {
    const summary = summarize([
      member('New', { planStartDate: '2026-03-03' }),
      member('Old', { planStartDate: '2026-01-05' }),
    ]);
    expect(rowOf(summary, 'New')?.enteredPhase).toEqual({ number: 2, title: 'Deep Tech in Data Engineering' });
    expect(rowOf(summary, 'Old')?.enteredPhase).toBeNull();
    expect(summary.phaseEntries).toEqual([
      { member: 'New', phase: { number: 2, title: 'Deep Tech in Data Engineering' } },
    ]);
  });

  it('the phase change counts only once it has happened by today, and pauses push it back', () => {
    const late = member('Late', { planStartDate: '2026-03-05' }); // phase 2 from Friday 2026-06-05
    expect(rowOf(summarize([late], { today: '2026-06-04' }), 'Late')?.enteredPhase).toBeNull();
    expect(rowOf(summarize([late], { today: '2026-06-05' }), 'Late')?.enteredPhase?.number).toBe(2);
    const paused = member('Paused', {
      planStartDate: '2026-03-03',
      pauses: [{ startDate: '2026-03-10', endDate: '2026-03-19' }],
    });
    expect(rowOf(summarize([paused]), 'Paused')?.enteredPhase).toBeNull();
    expect(
      rowOf(summarize([paused], { weekStart: '2026-06-08', today: '2026-06-15' }), 'Paused')?.enteredPhase?.number,
    ).toBe(2);
  });

  it('outputs list problems, linked PRs and linked posts of full members with short notes', () => {
    const longNote =
      'Profiled the nightly ingest job and found that most of the time went into JSON parsing, so I switched to ' +
      'orjson and batching';
    const ada = member('Ada', {
      checkins: [
        checkin('2026-06-01', 'coding', { note: 'Two Sum', link: 'https://leetcode.com/problems/two-sum/' }),
        checkin('2026-06-02', 'coding'),
        checkin('2026-06-04', 'open_source', {
          note: 'Fix flaky test',
          link: 'https://github.com/duckdb/duckdb/pull/1',
        }),
        checkin('2026-06-04', 'open_source', { note: 'read the code, no PR yet' }),
        checkin('2026-06-05', 'writing', { note: longNote, link: 'https://blog.example.com/orjson' }),
        checkin('2026-06-05', 'writing', { note: 'draft', link: 'javascript:alert(1)' }),
      ],
    });
    const { outputs } = summarize([ada]);
    expect(outputs.map((o) => [o.kind, o.localDate])).toEqual([
      ['problem', '2026-06-01'],
      ['problem', '2026-06-02'],
      ['pull_request', '2026-06-04'],
      ['post', '2026-06-05'],
    ]);
    expect(outputs[0]).toMatchObject({
      member: 'Ada',
      note: 'Two Sum',
      link: 'https://leetcode.com/problems/two-sum/',
    });
    const post = outputs[3]!;
    expect(post.note!.length).toBeLessThanOrEqual(noteMaxLength);
    expect(post.note).toMatch(/^Profiled the nightly ingest job.*\S…$/);
  });

  it('milestones reached are listed with their plan text, found in any phase', () => {
    const ada = member('Ada', {
      milestones: [
        { milestoneId: 'p3-practice-whitepaper', localDate: '2026-06-03' },
        { milestoneId: 'retired-item', localDate: '2026-06-04' },
      ],
    });
    const { milestones } = summarize([ada]);
    expect(milestones[0]).toMatchObject({ member: 'Ada', milestoneId: 'p3-practice-whitepaper' });
    expect(milestones[0]?.text).toContain('whitepaper-style article');
    expect(milestones[1]?.text).toBe('retired-item'); // an id the plan no longer has still shows something
  });

  it('an empty group reads as a quiet week with a nudge, in one message without empty fields', () => {
    const summary = summarize([]);
    expect(summary.quiet).toBe(true);
    const messages = renderWeekSummary(summary, { heatmapFileName: 'heatmap.png' });
    expect(messages).toHaveLength(1);
    const embed = messages[0]!.embeds[0]!;
    expect(embed.description).toMatch(/^A quiet week/);
    expect(embed.description).toContain('Next week · Phase 1');
    expect(embed.fields ?? []).toEqual([]);
  });

  it('a group where nobody checked in also reads as a quiet week', () => {
    const summary = summarize([
      member('Ada'),
      member('Bo', { visibility: 'hidden', checkins: [checkin('2026-06-01', 'coding')] }),
    ]);
    expect(summary.quiet).toBe(true);
    const embed = renderWeekSummary(summary).at(0)!.embeds[0]!;
    expect(embed.description).toContain('A quiet week');
    expect(embed.description).toContain('1 member chose not to be listed.');
  });

  it('the nudge comes from the plan, is the same for the same week and rotates across weeks', () => {
    const members = [member('Ada'), member('Bo')];
    const nudges = ['2026-06-01', '2026-06-08', '2026-06-15'].map(
      (start) => summarize(members, { weekStart: start }).nudge,
    );
    expect(summarize(members).nudge).toBe(nudges[0]);
    expect(new Set(nudges).size).toBe(3);
    for (const nudge of nudges) expect(nudge).toMatch(/^Next week · Phase 2 \(Deep Tech in Data Engineering\): \S/);
  });

  it('refuses a week that does not start on a Monday', () => {
    expect(() => summarize([], { weekStart: '2026-06-02' })).toThrow(RangeError);
  });
});

// Discord's limits, computed here independently of the renderer.
function limitViolations(message: { content?: string; embeds: APIEmbed[] }): string[] {
  const problems: string[] = [];
  if ((message.content ?? '').length > 2000) problems.push('content > 2000');
  if (message.embeds.length > 10) problems.push('more than 10 embeds');
  let total = 0;
  for (const embed of message.embeds) {
    const fields = embed.fields ?? [];
    if (fields.length > 25) problems.push('more than 25 fields');
    if ((embed.title ?? '').length > 256) problems.push('title > 256');
    if ((embed.description ?? '').length > 4096) problems.push('description > 4096');
    if ((embed.footer?.text ?? '').length > 2048) problems.push('footer > 2048');
    if (embed.description !== undefined && embed.description.trim() === '') problems.push('empty description');
    for (const field of fields) {
      if (field.name.length > 256 || field.name.trim() === '') problems.push(`bad field name: ${field.name}`);
      if (field.value.length > 1024 || field.value.trim() === '') problems.push(`bad field value in ${field.name}`);
    }
    total += [
      embed.title,
      embed.description,
      embed.footer?.text,
      embed.author?.name,
      ...fields.flatMap((f) => [f.name, f.value]),
    ].reduce((sum, part) => sum + (part ?? '').length, 0);
  }
  if (total > 6000) problems.push(`embeds total ${total} > 6000`);
  return problems;
}

describe('weekly summary rendering', () => {
  // Worst cases on purpose: 32-character names full of markdown, long notes and links, long group name.
  const bigGroup = Array.from({ length: 1000 }, (_, i) =>
    member(`*_~${String(i).padStart(4, '0')}_${'`|*'.repeat(8)}xxxxx`, {
      visibility: i % 10 === 0 ? 'hidden' : i % 3 === 0 ? 'counts' : 'full',
      planStartDate: i % 2 === 0 ? '2026-03-03' : '2026-01-05',
      pauses: i % 7 === 0 ? [{ startDate: '2026-06-03', endDate: null }] : [],
      streak: { current: 1000 + i, best: 10000 + i },
      checkins: ['2026-06-01', '2026-06-02', '2026-06-04', '2026-06-05'].map((d, k) =>
        checkin(d, (['coding', 'coding', 'open_source', 'writing'] as const)[k]!, {
          minutes: 600,
          note: 'n'.repeat(500),
          link: `https://example.com/${'p'.repeat(300)}/${i}`,
        }),
      ),
      milestones: [{ milestoneId: 'p4-leadership-tedx-talk', localDate: '2026-06-03' }],
    }),
  );
  const summary = summarize(bigGroup, { groupName: 'G'.repeat(300) });
  const messages = renderWeekSummary(summary, { heatmapFileName: 'heatmap.png' });

  it("every message of a 1,000-member group is within all of Discord's limits", () => {
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(limitViolations(message)).toEqual([]);
  });

  it("every listed member's row appears exactly once, whole and in order, across the messages", () => {
    const rows = messages
      .flatMap((m) => m.embeds.flatMap((e) => e.fields ?? []))
      .filter((f) => f.name.startsWith('📅 Who showed up'))
      .flatMap((f) => f.value.split('\n'));
    expect(summary.members).toHaveLength(900);
    expect(rows).toEqual(summary.members.map(formatMemberRow));
  });

  it('the messages are numbered, and only the first one carries the heatmap and the headline', () => {
    messages.forEach((message, i) => {
      const embed = message.embeds[0]!;
      expect(embed.title).toMatch(new RegExp(`\\(${i + 1}/${messages.length}\\)$`));
      expect(embed.image?.url).toBe(i === 0 ? 'attachment://heatmap.png' : undefined);
      expect(embed.description === undefined).toBe(i > 0);
    });
  });

  it('a small group fits in one message with the heatmap, the outputs and the nudge', () => {
    const ada = member('Ada', {
      streak: { current: 4, best: 9 },
      checkins: [
        checkin('2026-06-01', 'coding', { note: 'Two Sum', link: 'https://leetcode.com/problems/two-sum/' }),
        checkin('2026-06-05', 'writing', { note: 'On (profiling)', link: 'https://blog.example.com/a_(b)' }),
      ],
    });
    const small = renderWeekSummary(summarize([ada, member('Bo', { visibility: 'counts' })]), {
      heatmapFileName: 'week.png',
    });
    expect(small).toHaveLength(1);
    expect(limitViolations(small[0]!)).toEqual([]);
    const embed = small[0]!.embeds[0]!;
    expect(embed.title).toBe('Weekly summary — Data folks · 1–7 Jun 2026');
    expect(embed.image?.url).toBe('attachment://week.png');
    const values = (embed.fields ?? []).map((f) => `${f.name}: ${f.value}`).join('\n');
    expect(values).toContain('🟩🟥🟥🟥🟩⬜🟥 **Ada** · 2 days · 🔥 4 (best 9) · 120 min');
    expect(values).toContain('[link](https://leetcode.com/problems/two-sum/)');
    expect(values).toContain('[link](https://blog.example.com/a_%28b%29)'); // a ")" would end the masked link early
    expect(embed.description).toContain('Next week · ');
  });
});
