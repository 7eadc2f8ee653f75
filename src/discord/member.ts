import type { Interaction } from 'discord.js';
import type { Member } from '../../schema/index.js';
import { type LocalDate, localDateOf } from '../coach/time.js';
import type { Context } from '../context.js';

/** The enrolled member behind an interaction and their local date now (or a "use /start" error). */
export async function memberToday(
  interaction: Interaction,
  ctx: Context,
): Promise<{ member: Member; today: LocalDate }> {
  const member = await ctx.store.members.requireByDiscordId(interaction.user.id);
  return { member, today: localDateOf(ctx.clock(), member.timeZone) };
}
