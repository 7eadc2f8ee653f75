import { type ChatInputCommandInteraction, PermissionFlagsBits } from 'discord.js';
import { UserFacingError } from '../coach/errors.js';

/**
 * Discord hides admin commands from members without Manage Server, but an interaction can be
 * crafted without that gate (or the gate changed by a server owner): check again on our side.
 */
export function requireManageServer(interaction: ChatInputCommandInteraction): string {
  if (!interaction.inGuild()) throw new UserFacingError('This command works in a server, not in DMs.');
  if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
    throw new UserFacingError('Only members with the **Manage Server** permission can do this.');
  }
  return interaction.guildId;
}
