// Composite payloads assembled from the World: READY, GUILD_CREATE and member objects.
import {
  type APIGuildMember,
  type APITextChannel,
  ApplicationFlags,
  type GatewayGuildCreateDispatchData,
  type GatewayReadyDispatchData,
} from 'discord-api-types/v10';
import { makeGuild, makeMember, type RestGuild } from './objects.js';
import { isoTimestamp } from './snowflake.js';
import { requireGuild, requireUser, type World } from './state.js';

// A bot's application flags as Discord reports them for an app with the message content intent
// enabled in the portal ("limited", i.e. unverified bot). discord.js only stores them.
const APPLICATION_FLAGS = ApplicationFlags.GatewayMessageContentLimited;

export function readyPayload(
  world: World,
  sessionId: string,
  resumeUrl: string,
  shard: [number, number],
  guildIds: string[],
): GatewayReadyDispatchData {
  return {
    v: 10,
    user: world.botUser,
    guilds: guildIds.map((id) => ({ id, unavailable: true })),
    session_id: sessionId,
    resume_gateway_url: resumeUrl,
    shard,
    application: { id: world.applicationId, flags: APPLICATION_FLAGS, flags_new: String(APPLICATION_FLAGS) },
  };
}

export function memberPayload(world: World, guildId: string, userId: string): APIGuildMember | null {
  const member = requireGuild(world, guildId).members.get(userId);
  if (!member) return null;
  return makeMember(requireUser(world, userId).user, member.roleIds, member.joinedAt);
}

export function guildTextChannels(world: World, guildId: string): APITextChannel[] {
  return requireGuild(world, guildId).channelIds.flatMap((id) => {
    const api = world.channels.get(id)?.api;
    return api && 'guild_id' in api ? [api] : [];
  });
}

export function guildPayload(world: World, guildId: string): RestGuild {
  const guild = requireGuild(world, guildId);
  return makeGuild({ id: guild.id, name: guild.name, ownerId: guild.ownerId, roles: guild.roles });
}

/**
 * GUILD_CREATE as sent to a bot with only the Guilds intent: the member list holds just the bot
 * itself (Discord sends other members only with GUILD_MEMBERS or for voice), which is what
 * discord.js needs for guild.members.me and permission checks.
 */
export function guildCreatePayload(world: World, guildId: string): GatewayGuildCreateDispatchData {
  const guild = requireGuild(world, guildId);
  const me = memberPayload(world, guildId, world.botUser.id);
  const payload = {
    ...guildPayload(world, guildId),
    joined_at: isoTimestamp(guild.joinedAt),
    large: false,
    unavailable: false,
    member_count: guild.members.size,
    voice_states: [],
    members: me ? [me] : [],
    channels: guildTextChannels(world, guildId),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  } satisfies Omit<GatewayGuildCreateDispatchData, 'hub_type'>;
  return payload as unknown as GatewayGuildCreateDispatchData;
}
