import { type APIEmbed, type APIEmbedField, escapeMarkdown } from 'discord.js';
import type { DayState, MemberWeek, OutputKind, WeekOutput, WeekSummary } from '../coach/summary-model.js';
import { weekdayOf } from '../coach/time.js';
import { activityKinds } from '../plan/model.js';
import { activityLabels } from './render.js';

export type SummaryMessage = { content?: string; embeds: APIEmbed[] };

// Discord rejects the whole message when any of these is exceeded (they are hard API limits).
export const embedLimits = {
  embedsPerMessage: 10,
  charsPerMessage: 6000,
  fieldsPerEmbed: 25,
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
} as const;

// Squares and symbols with their own colour, so they read on both the dark and the light theme.
export const dayGlyphs: Record<DayState, string> = {
  done: '🟩',
  missed: '🟥',
  optional: '⬜',
  paused: '⏸️',
  frozen: '🧊',
  future: '▫️',
  not_started: '➖',
};
const legend = '🟩 done · 🟥 missed · ⬜ optional · ⏸️ paused · 🧊 frozen · ▫️ upcoming · ➖ not started';
const outputTitles: Record<OutputKind, string> = {
  problem: '🧩 Problems solved',
  pull_request: '🔀 Pull requests',
  post: '✍️ Posts',
};
const brand = 0x5865f2;
const nameMax = 32; // Discord's own display-name limit; longer names come only from odd data
const groupNameMax = 100;
// Every member row is always shown; the lists of outputs are capped so a big group gets a readable summary, not 40
// messages.
export const listCap = 30;

type Section = { title: string; lines: string[] };
// Room kept in each footer for the delivery marker that postSummary adds (" · ref <nonce>.<part>").
const footerMarkerReserve = 40;

/**
 * The week as one or more messages. Lines are never split: a group too big for one message continues
 * in the next one, numbered "(2/5)". The first message shows the heatmap when its file name is given.
 */
export function renderWeekSummary(model: WeekSummary, options: { heatmapFileName?: string } = {}): SummaryMessage[] {
  const titleBase = `Weekly summary — ${clip(model.groupName, groupNameMax)} · ${model.weekLabel}`;
  const titleReserve = titleBase.length + ' (999/999)'.length;
  const description = clip(describeWeek(model), embedLimits.description);
  const pages = paginate(
    sectionsOf(model),
    titleReserve + description.length + legend.length + footerMarkerReserve,
    titleReserve + legend.length + footerMarkerReserve,
  );
  return pages.map((fields, i) => {
    const embed: APIEmbed = {
      title: pages.length > 1 ? `${titleBase} (${i + 1}/${pages.length})` : titleBase,
      color: brand,
      footer: { text: legend },
    };
    if (i === 0) embed.description = description;
    if (fields.length > 0) embed.fields = fields;
    if (i === 0 && options.heatmapFileName) embed.image = { url: `attachment://${options.heatmapFileName}` };
    return { embeds: [embed] };
  });
}

function describeWeek(model: WeekSummary): string {
  const { totals } = model;
  const lines = model.quiet
    ? ['A quiet week — nobody checked in. A fresh week starts on Monday, and one small step counts.']
    : [
        `**${totals.checkins}** check-in${plural(totals.checkins)} · **${totals.minutes}** min · ` +
          `**${totals.activeMembers}** of ${totals.listedMembers} member${plural(totals.listedMembers)} active`,
      ];
  if (model.hiddenCount > 0) {
    lines.push(`${model.hiddenCount} member${model.hiddenCount === 1 ? '' : 's'} chose not to be listed.`);
  }
  lines.push('', `🧭 ${model.nudge}`); // not bold: plan items carry their own **bold**
  return lines.join('\n');
}

function sectionsOf(model: WeekSummary): Section[] {
  if (model.quiet) return [];
  const byActivity = activityKinds
    .filter((a) => model.totals.minutesByActivity[a] > 0)
    .map((a) => `${activityLabels[a]}: **${model.totals.minutesByActivity[a]}** min`);
  const outputs = (['problem', 'pull_request', 'post'] as const).map((kind) => ({
    title: outputTitles[kind],
    lines: capped(model.outputs.filter((o) => o.kind === kind).map(formatOutput)),
  }));
  return [
    { title: '📅 Who showed up', lines: model.members.map(formatMemberRow) },
    { title: '⏱️ Minutes by activity', lines: byActivity },
    {
      title: '🚀 New phase',
      lines: capped(
        model.phaseEntries.map((e) => `**${name(e.member)}** entered Phase ${e.phase.number} · ${e.phase.title}`),
      ),
    },
    { title: '🏁 Milestones', lines: capped(model.milestones.map((m) => `**${name(m.member)}** — ${m.text}`)) },
    ...outputs,
  ];
}

/** One member's week on one line, e.g. "🟩🟩🟥🟩🟩⬜▫️ **Ada** · 4 days · 🔥 4 (best 9) · 240 min". */
export function formatMemberRow(member: MemberWeek): string {
  const parts = [
    `${member.days.map((d) => dayGlyphs[d]).join('')} **${name(member.displayName)}**`,
    `${member.daysDone} day${plural(member.daysDone)}`,
    `🔥 ${member.streak.current} (best ${member.streak.best})`,
    `${member.minutes} min`,
  ];
  if (member.milestones > 0) parts.push(`🏁 ${member.milestones}`);
  if (member.enteredPhase) parts.push(`🚀 Phase ${member.enteredPhase.number}`);
  if (member.commitments) parts.push(`📌 kept ${member.commitments.kept} of ${member.commitments.total}`);
  return parts.join(' · ');
}

function formatOutput(output: WeekOutput): string {
  const day = weekdayOf(output.localDate);
  const label = `${day.charAt(0).toUpperCase()}${day.slice(1)}`;
  const note = output.note ? ` — ${escapeMarkdown(output.note)}` : '';
  // Parentheses would end a masked link early.
  const link = output.link ? ` · [link](${output.link.replace(/\(/g, '%28').replace(/\)/g, '%29')})` : '';
  return `**${name(output.member)}** (${label})${note}${link}`;
}

/**
 * Packs lines into fields (≤ 1,024 chars each) and fields into pages that stay under the per-message
 * character budget and the field count. `firstUsed`/`laterUsed` are what each page spends before fields.
 */
function paginate(sections: Section[], firstUsed: number, laterUsed: number): APIEmbedField[][] {
  let page: APIEmbedField[] = [];
  const pages = [page];
  let used = firstUsed;
  for (const section of sections) {
    let field: APIEmbedField | undefined;
    for (const raw of section.lines) {
      const line = clip(raw, embedLimits.fieldValue);
      if (
        field &&
        field.value.length + 1 + line.length <= embedLimits.fieldValue &&
        used + 1 + line.length <= embedLimits.charsPerMessage
      ) {
        field.value += `\n${line}`;
        used += 1 + line.length;
        continue;
      }
      const fieldName = field ? `${section.title} (cont.)` : section.title;
      if (
        page.length >= embedLimits.fieldsPerEmbed ||
        used + fieldName.length + line.length > embedLimits.charsPerMessage
      ) {
        page = [];
        pages.push(page);
        used = laterUsed;
      }
      field = { name: fieldName, value: line };
      page.push(field);
      used += fieldName.length + line.length;
    }
  }
  return pages;
}

function capped(lines: string[]): string[] {
  return lines.length <= listCap ? lines : [...lines.slice(0, listCap - 1), `…and ${lines.length - listCap + 1} more`];
}

function name(displayName: string): string {
  return escapeMarkdown(clip(displayName.replace(/\s+/g, ' ').trim() || 'Someone', nameMax));
}

/** Cuts by code point, so an emoji is never split into a broken surrogate. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const char of text) {
    if (out.length + char.length > max - 1) break;
    out += char;
  }
  return `${out}…`;
}

function plural(n: number): string {
  return n === 1 ? '' : 's';
}
