import { OAuth2Scopes, PermissionFlagsBits } from 'discord.js';

/**
 * What the bot itself does in a server, and nothing more. Slash command answers, buttons and modals
 * need no permission (they go through the interaction webhook), and DMs need none either. Only the
 * weekly summary, posted in the channel /setup picks, does:
 */
export const botPermissions =
  PermissionFlagsBits.ViewChannel | // see the summary channel
  PermissionFlagsBits.SendMessages | // post the summary
  PermissionFlagsBits.EmbedLinks | // the summary is embeds
  PermissionFlagsBits.AttachFiles | // the heatmap picture
  PermissionFlagsBits.ReadMessageHistory; // a retry after a crash looks for parts already posted

/** The link an admin opens to add the bot to a server, with its commands and exactly these permissions. */
export function inviteUrl(appId: string): string {
  const query = new URLSearchParams({
    client_id: appId,
    scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(' '),
    permissions: botPermissions.toString(),
  });
  return `https://discord.com/oauth2/authorize?${query}`; // URLSearchParams writes the space as +
}
