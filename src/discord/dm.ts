import { DiscordAPIError, RESTJSONErrorCodes, type User } from 'discord.js';
import type { Member } from '../../schema/index.js';
import type { Context } from '../context.js';

/**
 * Opens the member's DM channel once and stores its id, so a nudge later costs one request
 * (DESIGN.md). A welcome DM doubles as the probe: Discord answers 50007 when DMs are closed.
 */
export async function openDmChannel(
  user: User,
  member: Member,
  ctx: Context,
  mode: 'welcome' | 'check',
): Promise<'open' | 'closed'> {
  const channel = await user.createDM();
  await ctx.store.members.setDmChannel(member.id, channel.id);
  if (mode === 'check' && member.dmChannelId && !member.dmsClosedAt) return 'open';
  try {
    await channel.send({
      content: `👋 Hi! This is where your daily nudge arrives, at ${member.nudgeTime} (${member.timeZone}).`,
    });
    return 'open';
  } catch (error) {
    if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.CannotSendMessagesToThisUser) {
      await ctx.store.members.markDmsClosed(member.id, ctx.clock());
      ctx.log.info({ memberId: member.id }, 'member DMs are closed');
      return 'closed';
    }
    throw error;
  }
}
