import { Client, GatewayIntentBits, Options, Partials } from 'discord.js';
import type { Config } from '../config.js';

/**
 * The bot only needs guild metadata to receive interactions and to know its servers; it reads
 * no message content and keeps no member or message caches (a study group can be thousands).
 */
export function createDiscordClient(config: Pick<Config, 'discordApiBase' | 'requestsPerSecond'>): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    partials: [Partials.Channel], // DM channels arrive uncached
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      GuildMemberManager: 0,
      UserManager: 1_000,
      PresenceManager: 0,
      ReactionManager: 0,
    }),
    // @discordjs/rest paces requests to this global rate and honours Discord's rate-limit headers.
    rest: {
      globalRequestsPerSecond: config.requestsPerSecond,
      ...(config.discordApiBase ? { api: config.discordApiBase } : {}),
    },
  });
}
