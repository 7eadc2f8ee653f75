import {
  DiscordAPIError,
  type REST,
  RESTJSONErrorCodes,
  type RESTPostAPIChannelMessageJSONBody,
  Routes,
} from 'discord.js';

/**
 * Discord's outgoing port: the two calls deliveries and /summary make, over discord.js's REST (it honours rate limits).
 */
export type OutgoingFile = { name: string; data: Buffer };
export type Sender = {
  send: (channelId: string, body: RESTPostAPIChannelMessageJSONBody, files?: OutgoingFile[]) => Promise<{ id: string }>;
  openDm: (userId: string) => Promise<string>;
};

export function createRestSender(rest: REST): Sender {
  return {
    send: async (channelId, body, files) =>
      rest.post(Routes.channelMessages(channelId), files ? { body, files } : { body }) as Promise<{ id: string }>,
    openDm: async (userId) =>
      ((await rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as { id: string }).id,
  };
}

/** Missing access or permissions, or a deleted channel: nothing a retry would fix. */
export const isChannelRefusal = (error: unknown): boolean =>
  error instanceof DiscordAPIError &&
  [RESTJSONErrorCodes.MissingAccess, RESTJSONErrorCodes.MissingPermissions, RESTJSONErrorCodes.UnknownChannel].includes(
    error.code as number,
  );

export const isClosedDms = (error: unknown): boolean =>
  error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.CannotSendMessagesToThisUser;
