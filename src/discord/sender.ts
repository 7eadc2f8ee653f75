import {
  type APIMessage,
  DiscordAPIError,
  type REST,
  RESTJSONErrorCodes,
  type RESTPostAPIChannelMessageJSONBody,
  Routes,
} from 'discord.js';

/**
 * Discord's outgoing port for deliveries and /summary, over discord.js's REST (it honours rate limits):
 * send a message, open a DM channel, and read a channel's latest messages (to find one a crashed
 * attempt already sent, DESIGN.md: exactly-once must not lean on Discord's memory of a nonce).
 */
export type OutgoingFile = { name: string; data: Buffer };
export type Sender = {
  send: (channelId: string, body: RESTPostAPIChannelMessageJSONBody, files?: OutgoingFile[]) => Promise<{ id: string }>;
  openDm: (userId: string) => Promise<string>;
  recent: (channelId: string, limit: number) => Promise<APIMessage[]>;
  /** The REST client underneath, when there is one (its 429s are counted in /metrics). */
  rest?: REST;
};

export function createRestSender(rest: REST): Sender {
  return {
    rest,
    send: async (channelId, body, files) =>
      rest.post(Routes.channelMessages(channelId), files ? { body, files } : { body }) as Promise<{ id: string }>,
    openDm: async (userId) =>
      ((await rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as { id: string }).id,
    recent: async (channelId, limit) =>
      (await rest.get(Routes.channelMessages(channelId), {
        query: new URLSearchParams({ limit: String(limit) }),
      })) as APIMessage[],
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
