import { Client, GatewayIntentBits, Options, Partials } from 'discord.js';
import type { Config } from '../config.js';

/**
 * The bot only needs guild metadata to receive interactions and to know its servers; it reads
 * no message content and keeps no member or message caches (a study group can be thousands).
 */
export function createDiscordClient(config: Pick<Config, 'discordApiBase' | 'shardCount'>): Client {
  return new Client({
    ...shardOptions(config.shardCount),
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
    // This REST carries interaction answers (exempt from Discord's global limit) and little else;
    // deliveries have their own, paced to this process's share (src/discord/rest.ts).
    rest: {
      globalRequestsPerSecond: 50,
      ...(config.discordApiBase ? { api: config.discordApiBase } : {}),
    },
  });
}

/**
 * discord.js's own sharding, every shard in this process: 'auto' takes the count Discord recommends
 * (GET /gateway/bot). Every process runs every shard; the scheduler does not care (its claims never
 * overlap), and Discord sends each guild's events to the shard `(guild_id >> 22) % count`.
 */
function shardOptions(count: Config['shardCount']): { shards: 'auto' } | { shards: number[]; shardCount: number } {
  if (count === 'auto') return { shards: 'auto' };
  return { shards: Array.from({ length: count }, (_, id) => id), shardCount: count };
}
