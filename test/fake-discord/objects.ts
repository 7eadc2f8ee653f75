// Builders for complete Discord API v10 objects. discord.js reads fields unconditionally in its
// _patch methods, so every object carries every field Discord sends (nulls included), checked
// against the spec's *Response schemas in test/fake-discord.test.ts.
import {
  type APIDMChannel,
  type APIGuild,
  type APIGuildMember,
  type APIRole,
  type APITextChannel,
  type APIUser,
  type ChannelFlags,
  ChannelType,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  type GuildMemberFlags,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  Locale,
  PermissionFlagsBits,
  type RoleFlags,
  type UserFlags,
} from 'discord-api-types/v10';
import { isoTimestamp } from './snowflake.js';

/** What a fresh guild's @everyone role can do (plus UseApplicationCommands, so commands work). */
export const DEFAULT_EVERYONE_PERMISSIONS = (
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.CreateInstantInvite |
  PermissionFlagsBits.ChangeNickname |
  PermissionFlagsBits.UseExternalEmojis |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.Connect |
  PermissionFlagsBits.Speak
).toString();

/** Every permission bit discord-api-types knows, as Discord reports them for owners/admins. */
export const ALL_PERMISSIONS = Object.values(PermissionFlagsBits)
  .reduce((a, b) => a | b, 0n)
  .toString();

export function makeUser(id: string, username: string, bot: boolean): APIUser {
  return {
    id,
    username,
    discriminator: bot ? '0001' : '0',
    global_name: bot ? null : username,
    avatar: null,
    ...(bot ? { bot: true } : {}),
    public_flags: 0 as UserFlags,
    flags: 0 as UserFlags,
    banner: null,
    accent_color: null,
    avatar_decoration_data: null,
    collectibles: null,
    primary_guild: null,
  };
}

export function makeRole(id: string, name: string, permissions: string, position: number, botId?: string): APIRole {
  return {
    id,
    name,
    permissions,
    position,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    managed: botId !== undefined,
    mentionable: false,
    flags: 0 as RoleFlags,
    ...(botId !== undefined ? { tags: { bot_id: botId } } : {}),
  };
}

export function makeTextChannel(id: string, guildId: string, name: string, position: number): APITextChannel {
  return {
    id,
    type: ChannelType.GuildText,
    guild_id: guildId,
    name,
    position,
    flags: 0 as ChannelFlags,
    parent_id: null,
    topic: null,
    nsfw: false,
    last_message_id: null,
    last_pin_timestamp: null,
    rate_limit_per_user: 0,
    permission_overwrites: [],
  };
}

export function makeDmChannel(id: string, recipient: APIUser): APIDMChannel {
  // discord-api-types wants `name: null`, but Discord (and the spec's PrivateChannelResponse) omit it.
  const channel = {
    id,
    type: ChannelType.DM,
    flags: 0 as ChannelFlags,
    last_message_id: null,
    last_pin_timestamp: null,
    recipients: [recipient],
  };
  return channel as APIDMChannel;
}

export function makeMember(user: APIUser, roles: string[], joinedAt: number): APIGuildMember {
  return {
    user,
    roles,
    nick: null,
    avatar: null,
    banner: null,
    joined_at: isoTimestamp(joinedAt),
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
    communication_disabled_until: null,
    collectibles: null,
  };
}

export interface GuildShape {
  id: string;
  name: string;
  ownerId: string;
  roles: APIRole[];
}

/** discord-api-types still lists `hub_type`, which the spec's GuildResponse no longer has. */
export type RestGuild = Omit<APIGuild, 'hub_type'> & { home_header: null; nsfw: boolean };

/** The REST-shaped guild (GuildResponse); GUILD_CREATE adds the gateway-only fields on top. */
export function makeGuild(shape: GuildShape): RestGuild {
  return {
    id: shape.id,
    name: shape.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    home_header: null,
    owner_id: shape.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: shape.roles,
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotifications,
    rules_channel_id: null,
    max_presences: null,
    max_members: 500000,
    vanity_url_code: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    preferred_locale: Locale.EnglishUS,
    public_updates_channel_id: null,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    nsfw: false,
    nsfw_level: GuildNSFWLevel.Default,
    premium_progress_bar_enabled: false,
    safety_alerts_channel_id: null,
    incidents_data: null,
    region: 'deprecated',
  };
}
