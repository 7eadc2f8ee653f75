import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type Interaction } from 'discord.js';
import type { Context } from '../context.js';
import type { Forgotten } from '../store/member-data.repository.js';
import type { Reply } from './command.js';
import { respond } from './respond.js';

const confirmPrefix = 'forget:confirm';
const labels: Record<string, [string, string]> = {
  members: ['enrollment', 'enrollments'],
  checkins: ['check-in', 'check-ins'],
  milestones_done: ['milestone', 'milestones'],
  member_pauses: ['pause', 'pauses'],
  deliveries: ['nudge or reminder', 'nudges and reminders'],
  group_members: ['group membership', 'group memberships'],
  reflections: ['reflection', 'reflections'],
  commitments: ['commitment', 'commitments'],
  phase_reviews: ['phase review', 'phase reviews'],
  rest_days: ['rest day', 'rest days'],
  frozen_days: ['day a freeze covered', 'days freezes covered'],
};

/** The kinds deleted, by name; a table added later is named after itself. */
export function describeForgotten(counts: Forgotten): string {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([table, n]) => {
      const [one, many] = labels[table] ?? [table.replaceAll('_', ' '), table.replaceAll('_', ' ')];
      return `${n} ${n === 1 ? one : many}`;
    })
    .join(', ');
}

/** The button carries the member id, so a confirmation from before a new /start cannot delete the new enrollment. */
export function renderForgetConfirmation(memberId: number): Reply {
  return {
    content:
      '⚠️ This deletes everything I keep about you: your enrollment, check-ins, milestones, pauses, rest days and ' +
      'freezes, reflections, commitments, phase reviews, nudges and group membership. Messages already posted in ' +
      'Discord stay. It cannot be undone; use /export first to keep a copy.',
    components: [
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder()
          .setCustomId(`${confirmPrefix}:${memberId}`)
          .setLabel('Delete all my data')
          .setStyle(ButtonStyle.Danger),
      ),
    ],
  };
}

export async function handleForgetComponents(interaction: Interaction, ctx: Context): Promise<boolean> {
  if (!interaction.isButton()) return false;
  const match = /^forget:confirm:(\d{1,10})$/.exec(interaction.customId);
  if (!match || Number(match[1]) > 2_147_483_647) return false;
  const memberId = Number(match[1]);
  await respond(interaction, true, ctx, async () => {
    const counts = await ctx.store.memberData.forget(interaction.user.id, memberId);
    if (counts) {
      ctx.log.info({ memberId }, 'member forgotten');
      return { content: `🗑️ Done. I deleted everything I kept about you: ${describeForgotten(counts)}.` };
    }
    const current = await ctx.store.members.findByDiscordId(interaction.user.id);
    return {
      content: current
        ? 'This confirmation is from before you enrolled again, so nothing was deleted. Use /forget again.'
        : 'Your data is already deleted: there is nothing more to forget.',
    };
  });
  return true;
}
