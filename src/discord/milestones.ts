import type { APIEmbedField, ApplicationCommandOptionChoiceData, AutocompleteInteraction } from 'discord.js';
import {
  type AreaProgress,
  areaProgressOf,
  type LocatedItem,
  milestoneChoices,
  progressBar,
  workingPhaseOf,
} from '../coach/milestones.js';
import { localDateOf } from '../coach/time.js';
import type { Context } from '../context.js';
import type { Reply } from './command.js';

// An autocomplete cannot be deferred and Discord drops it after 3 s, so the member's own order (their
// phase, what they marked) may take this long; past it, or if the lookup fails, the plan alone is offered.
const lookupBudgetMs = 1_500;

/** /milestone's suggestions: the member's phase first, then the rest of the plan, filtered by what is typed. */
export async function milestoneSuggestions(
  interaction: AutocompleteInteraction,
  ctx: Context,
): Promise<ApplicationCommandOptionChoiceData[]> {
  const mode = interaction.options.getSubcommand(false) === 'undo' ? 'undo' : 'done';
  const query = String(interaction.options.getFocused());
  const known = await withinBudget(memberView(interaction.user.id, ctx), ctx);
  return milestoneChoices({
    plan: ctx.plan,
    mode,
    query,
    current: known?.current,
    doneIds: known?.doneIds ?? new Set(),
  });
}

async function memberView(discordUserId: string, ctx: Context) {
  const member = await ctx.store.members.findByDiscordId(discordUserId);
  if (!member) return undefined;
  const progress = await ctx.store.progress.readProgress(member, localDateOf(ctx.clock(), member.timeZone));
  return { current: workingPhaseOf(ctx.plan, progress.position), doneIds: progress.doneIds };
}

async function withinBudget<T>(lookup: Promise<T>, ctx: Context): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => {
      ctx.log.warn('milestone suggestions: member lookup too slow, offering the plan only');
      resolve(undefined);
    }, lookupBudgetMs);
  });
  const settled = lookup.catch((error: unknown) => {
    ctx.log.warn({ err: error }, 'milestone suggestions: member lookup failed, offering the plan only');
    return undefined;
  });
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}

export function areaLine(area: AreaProgress): string {
  const next = area.next ? `next: ${area.next.text}` : 'all done ✅';
  return `${progressBar(area.done, area.total)} · ${next}`;
}

/** /progress: one field per area of the current phase, its bar and the next open item. */
export function areaFields(areas: readonly AreaProgress[]): APIEmbedField[] {
  return areas.map((area) => ({ name: area.title, value: clip(areaLine(area), 1024) }));
}

export type MilestoneOutcome = 'done' | 'already_done' | 'undone' | 'not_done';

const headline: Record<MilestoneOutcome, (item: string) => string> = {
  done: (item) => `🏁 Milestone done: ${item}`,
  already_done: (item) => `✅ Already marked done, nothing changed: ${item}`,
  undone: (item) => `↩️ Milestone taken back, open again: ${item}`,
  not_done: (item) => `This milestone is not marked done, so there is nothing to undo: ${item}`,
};

export function renderMilestone(outcome: MilestoneOutcome, located: LocatedItem, doneIds: ReadonlySet<string>): Reply {
  const { phase, key, title, item } = located;
  const area = areaProgressOf(phase, doneIds).find((a) => a.key === key);
  const lines = [
    headline[outcome](item.text),
    area ? `Phase ${phase.number} · ${title}: ${areaLine(area)}` : undefined,
  ];
  return { content: clip(lines.filter(Boolean).join('\n'), 2000) };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
