import type { StudyGroup } from '../../schema/index.js';
import { buildWeekSummary } from '../coach/summary.js';
import { type LocalDate, localDateOf } from '../coach/time.js';
import type { Context } from '../context.js';
import { renderHeatmapPng } from '../render/heatmap.js';
import type { OutgoingFile, Sender } from './sender.js';
import { renderWeekSummary, type SummaryMessage } from './summary-render.js';

export const heatmapFileName = 'week-heatmap.png';

export type ComposedSummary = { messages: SummaryMessage[]; heatmap: OutgoingFile | undefined; members: number };

/** Loads a group's week, builds the summary model, renders its messages and its heatmap picture. */
export async function composeWeeklySummary(
  ctx: Context,
  group: StudyGroup,
  weekStart: LocalDate,
  now: Date,
): Promise<ComposedSummary> {
  const members = await ctx.store.summary.loadWeek(group, weekStart, localDateOf(now, group.timeZone));
  const model = buildWeekSummary({
    plan: ctx.plan,
    groupName: group.name,
    weekStart,
    today: localDateOf(now, group.timeZone),
    members,
  });
  // A quiet week has no grid worth drawing.
  const heatmap = model.members.length > 0 ? { name: heatmapFileName, data: renderHeatmapPng(model).png } : undefined;
  const messages = renderWeekSummary(model, heatmap ? { heatmapFileName } : {});
  return { messages, heatmap, members: members.length };
}

/**
 * Posts a composed summary, the heatmap on the first message. Each message carries `nonceBase`
 * plus its index with enforce_nonce, so posting the same summary again cannot double any message.
 */
export async function postSummary(
  sender: Sender,
  channelId: string,
  summary: ComposedSummary,
  nonceBase: string,
): Promise<string | undefined> {
  let firstId: string | undefined;
  for (const [index, message] of summary.messages.entries()) {
    const files = index === 0 && summary.heatmap ? [summary.heatmap] : undefined;
    const sent = await sender.send(
      channelId,
      { ...message, nonce: `${nonceBase}.${index}`, enforce_nonce: true },
      files,
    );
    firstId ??= sent.id;
  }
  return firstId;
}
