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

// Nonces are base64url or a snowflake, so the marker needs no escaping in the pattern below.
const markerPrefix = (nonceBase: string) => `ref ${nonceBase}.`;

/**
 * Posts a composed summary, the heatmap on the first message. Each message carries `nonceBase` plus
 * its index as its nonce (with enforce_nonce) and as a marker in its footer, so a retry can see which
 * parts an earlier, crashed attempt already posted (`posted`) even after Discord forgot the nonce.
 */
export async function postSummary(
  sender: Sender,
  channelId: string,
  summary: ComposedSummary,
  nonceBase: string,
  posted: ReadonlyMap<number, string> = new Map(),
): Promise<string | undefined> {
  let firstId: string | undefined;
  for (const [index, message] of summary.messages.entries()) {
    const earlier = posted.get(index);
    if (earlier) {
      firstId ??= earlier;
      continue;
    }
    const files = index === 0 && summary.heatmap ? [summary.heatmap] : undefined;
    const nonce = `${nonceBase}.${index}`;
    const sent = await sender.send(
      channelId,
      { ...withMarker(message, `${markerPrefix(nonceBase)}${index}`), nonce, enforce_nonce: true },
      files,
    );
    firstId ??= sent.id;
  }
  return firstId;
}

function withMarker(message: SummaryMessage, marker: string): SummaryMessage {
  return {
    ...message,
    embeds: message.embeds.map((embed, i) =>
      i === message.embeds.length - 1
        ? { ...embed, footer: { text: `${embed.footer?.text ?? ''} · ${marker}` } }
        : embed,
    ),
  };
}

/** The parts of the summary posted with `nonceBase` found among a channel's latest messages, by index. */
export async function findPostedParts(
  sender: Sender,
  channelId: string,
  nonceBase: string,
): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  const pattern = new RegExp(`${markerPrefix(nonceBase).replace('.', '\\.')}(\\d+)$`);
  for (const message of await sender.recent(channelId, 100)) {
    for (const embed of message.embeds) {
      const match = pattern.exec(embed.footer?.text ?? '');
      if (match) found.set(Number(match[1]), message.id);
    }
  }
  return found;
}
