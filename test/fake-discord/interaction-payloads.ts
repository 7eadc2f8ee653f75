// Complete INTERACTION_CREATE payloads. discord.js's BaseInteraction reads entitlements,
// authorizing_integration_owners, app_permissions, attachment_size_limit etc. unconditionally,
// so every field Discord sends is present.
import { type APIInteraction, InteractionContextType } from 'discord-api-types/v10';
import { type CommandData, leafValues } from './command-options.js';
import type { Context } from './context.js';
import { DEFAULT_EVERYONE_PERMISSIONS } from './objects.js';
import { memberPayload } from './payloads.js';
import { randomToken, snowflake } from './snowflake.js';
import { ensureDmChannel, memberPermissions, requireGuild, requireUser } from './state.js';

export interface Invoker {
  userId: string;
  guildId?: string;
  channelId?: string;
  /** Overrides the member's computed permissions in this interaction only. */
  memberPermissions?: string;
  /**
   * Delivers the command even though default_member_permissions would hide it, as Discord does
   * when a server overrides the command's permissions for a role or user (Integrations settings).
   */
  bypassPermissionGate?: boolean;
}

export interface Place {
  userId: string;
  guildId: string | null;
  channelId: string;
}
type Obj = Record<string, unknown>;
const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

const fail = (message: string): never => {
  throw new Error(`fake-discord: ${message}`);
};

function guildPart(ctx: Context, invoker: Invoker, guildId: string): { place: Place; fields: Obj } {
  const guild = requireGuild(ctx.world, guildId);
  const channelId = invoker.channelId ?? guild.channelIds[0] ?? fail(`guild ${guildId} has no channels`);
  const channel = ctx.world.channels.get(channelId);
  if (channel?.guildId !== guildId) fail(`channel ${channelId} is not in guild ${guildId}`);
  const member =
    memberPayload(ctx.world, guildId, invoker.userId) ??
    fail(`user ${invoker.userId} is not a member of guild ${guildId}; call addMember`);
  const permissions = invoker.memberPermissions ?? memberPermissions(ctx.world, guildId, invoker.userId);
  return {
    place: { userId: invoker.userId, guildId, channelId },
    fields: {
      guild_id: guildId,
      guild: { id: guildId, locale: 'en-US', features: [] },
      guild_locale: 'en-US',
      member: { ...member, permissions },
      channel_id: channelId,
      channel: { ...channel!.api, permissions },
      app_permissions: memberPermissions(ctx.world, guildId, ctx.world.botUser.id),
      context: InteractionContextType.Guild,
      authorizing_integration_owners: { 0: guildId },
    },
  };
}

function dmPart(ctx: Context, invoker: Invoker): { place: Place; fields: Obj } {
  const { user } = requireUser(ctx.world, invoker.userId);
  const channel = ensureDmChannel(ctx.world, invoker.userId);
  return {
    place: { userId: invoker.userId, guildId: null, channelId: channel.api.id },
    fields: {
      user,
      channel_id: channel.api.id,
      channel: channel.api,
      app_permissions: DEFAULT_EVERYONE_PERMISSIONS,
      // Guild-installed app used in its bot DM: Discord reports the guild install owner as "0".
      context: InteractionContextType.BotDM,
      authorizing_integration_owners: { 0: '0' },
    },
  };
}

export function basePayload(ctx: Context, invoker: Invoker, type: number): { place: Place; payload: Obj } {
  const { place, fields } = invoker.guildId ? guildPart(ctx, invoker, invoker.guildId) : dmPart(ctx, invoker);
  const payload: Obj = {
    id: snowflake(),
    application_id: ctx.world.applicationId,
    type,
    token: randomToken('aW50ZXJhY3Rpb24'),
    version: 1,
    locale: 'en-US',
    entitlements: [],
    attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
    ...fields,
  };
  return { place, payload };
}

/** `resolved` for user/channel/role options, as Discord attaches it to command data. */
export function resolvedFor(ctx: Context, place: Place, data: CommandData): Obj | undefined {
  const users: Obj = {},
    members: Obj = {},
    channels: Obj = {},
    roles: Obj = {};
  for (const option of leafValues(data.options)) {
    const id = String(option.value);
    if (option.type === 6 || option.type === 9) {
      const record = ctx.world.users.get(id);
      if (record) users[id] = record.user;
      const member = place.guildId ? memberPayload(ctx.world, place.guildId, id) : null;
      if (member && place.guildId) {
        const { user: _user, ...rest } = member;
        members[id] = { ...rest, permissions: memberPermissions(ctx.world, place.guildId, id) };
      }
    }
    const channel = option.type === 7 ? ctx.world.channels.get(id) : undefined;
    if (channel) channels[id] = { ...channel.api, permissions: DEFAULT_EVERYONE_PERMISSIONS };
    const role =
      place.guildId && (option.type === 8 || option.type === 9)
        ? requireGuild(ctx.world, place.guildId).roles.find((r) => r.id === id)
        : undefined;
    if (role) roles[id] = role;
  }
  const parts = Object.entries({ users, members, channels, roles }).filter(([, v]) => Object.keys(v).length > 0);
  return parts.length > 0 ? Object.fromEntries(parts) : undefined;
}

export function asInteraction(payload: Obj): APIInteraction {
  return payload as unknown as APIInteraction;
}
