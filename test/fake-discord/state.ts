// The fake's world: users, guilds, channels, members, DM channels, messages and commands.
// Plain maps and functions; REST routes and the gateway read and write the same World.

import type {
  APIApplicationCommand,
  APIDMChannel,
  APIMessage,
  APIRole,
  APITextChannel,
  APIUser,
} from 'discord-api-types/v10';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import {
  ALL_PERMISSIONS,
  DEFAULT_EVERYONE_PERMISSIONS,
  makeDmChannel,
  makeRole,
  makeTextChannel,
  makeUser,
} from './objects.js';
import { snowflake } from './snowflake.js';

export interface StoredFile {
  id: string;
  filename: string;
  size: number;
  contentType: string;
  data: Buffer;
}
export interface MessageRecord {
  api: APIMessage;
  files: StoredFile[];
  interactionId: string | null;
}
export interface ChannelRecord {
  api: APITextChannel | APIDMChannel;
  guildId: string | null;
  recipientId: string | null;
}
export interface MemberRecord {
  userId: string;
  roleIds: string[];
  joinedAt: number;
}
export interface GuildRecord {
  id: string;
  name: string;
  ownerId: string;
  joinedAt: number;
  roles: APIRole[];
  channelIds: string[];
  members: Map<string, MemberRecord>;
}
export interface UserRecord {
  user: APIUser;
  dmsClosed: boolean;
}

export interface World {
  token: string;
  applicationId: string;
  botUser: APIUser;
  users: Map<string, UserRecord>;
  guilds: Map<string, GuildRecord>;
  channels: Map<string, ChannelRecord>;
  dmChannelByUser: Map<string, string>;
  messages: Map<string, MessageRecord>;
  /** `${channelId}:${nonce}` -> message id and when it was created (for enforce_nonce). */
  nonces: Map<string, { messageId: string; at: number }>;
  commands: { global: APIApplicationCommand[]; byGuild: Map<string, APIApplicationCommand[]> };
  /** Called after any message is created or edited (waitForMessages). */
  onMessage: Set<() => void>;
}

export function createWorld(token: string, botName: string): World {
  const applicationId = snowflake();
  const botUser = makeUser(applicationId, botName, true); // a bot's user id equals its application id
  const users = new Map<string, UserRecord>([[botUser.id, { user: botUser, dmsClosed: false }]]);
  return {
    token,
    applicationId,
    botUser,
    users,
    guilds: new Map(),
    channels: new Map(),
    dmChannelByUser: new Map(),
    messages: new Map(),
    nonces: new Map(),
    commands: { global: [], byGuild: new Map() },
    onMessage: new Set(),
  };
}

export function addUser(world: World, opts: { id?: string; username?: string; bot?: boolean } = {}): APIUser {
  const id = opts.id ?? snowflake();
  const existing = world.users.get(id);
  if (existing) return existing.user;
  const user = makeUser(id, opts.username ?? `user${id.slice(-4)}`, opts.bot ?? false);
  world.users.set(id, { user, dmsClosed: false });
  return user;
}

export function requireUser(world: World, id: string): UserRecord {
  const record = world.users.get(id);
  if (!record) throw new Error(`fake-discord: unknown user ${id}; call addUser first`);
  return record;
}

export function requireGuild(world: World, id: string): GuildRecord {
  const guild = world.guilds.get(id);
  if (!guild) throw new Error(`fake-discord: unknown guild ${id}; call addGuild first`);
  return guild;
}

export function addChannel(world: World, guildId: string, name: string): APITextChannel {
  const guild = requireGuild(world, guildId);
  const api = makeTextChannel(snowflake(), guildId, name, guild.channelIds.length);
  guild.channelIds.push(api.id);
  world.channels.set(api.id, { api, guildId, recipientId: null });
  return api;
}

export function addMember(world: World, guildId: string, userId: string, permissions?: string): MemberRecord {
  const guild = requireGuild(world, guildId);
  const { user } = requireUser(world, userId);
  const roleIds: string[] = [];
  if (permissions !== undefined) {
    // Discord has no per-member permissions: model them as a role only this member holds.
    const role = makeRole(snowflake(), `perms-${user.username}`, permissions, guild.roles.length);
    guild.roles.push(role);
    roleIds.push(role.id);
  }
  const member: MemberRecord = { userId, roleIds, joinedAt: Date.now() };
  guild.members.set(userId, member);
  return member;
}

export interface GuildOptions {
  id?: string;
  name?: string;
  ownerId?: string;
  everyonePermissions?: string;
  botPermissions?: string;
}

export function addGuild(world: World, opts: GuildOptions): GuildRecord {
  const id = opts.id ?? snowflake();
  const ownerId = opts.ownerId ?? addUser(world, { username: 'owner' }).id;
  addUser(world, { id: ownerId });
  const everyone = makeRole(id, '@everyone', opts.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS, 0);
  // The bot's managed role; its permissions add to @everyone's, as on Discord.
  const botRole = makeRole(
    snowflake(),
    world.botUser.username,
    opts.botPermissions ?? DEFAULT_EVERYONE_PERMISSIONS,
    1,
    world.botUser.id,
  );
  const guild: GuildRecord = {
    id,
    name: opts.name ?? 'Test Guild',
    ownerId,
    joinedAt: Date.now(),
    roles: [everyone, botRole],
    channelIds: [],
    members: new Map(),
  };
  world.guilds.set(id, guild);
  guild.members.set(world.botUser.id, { userId: world.botUser.id, roleIds: [botRole.id], joinedAt: Date.now() });
  addMember(world, id, ownerId);
  addChannel(world, id, 'general');
  return guild;
}

/** Guild-level permissions as Discord computes them (no channel overwrites are modelled). */
export function memberPermissions(world: World, guildId: string, userId: string): string {
  const guild = requireGuild(world, guildId);
  if (guild.ownerId === userId) return ALL_PERMISSIONS;
  const member = guild.members.get(userId);
  const held = new Set([guild.id, ...(member?.roleIds ?? [])]);
  const bits = guild.roles.filter((r) => held.has(r.id)).reduce((acc, r) => acc | BigInt(r.permissions), 0n);
  return (bits & PermissionFlagsBits.Administrator) !== 0n ? ALL_PERMISSIONS : bits.toString();
}

export function ensureDmChannel(world: World, userId: string): ChannelRecord {
  const known = world.dmChannelByUser.get(userId);
  if (known) return world.channels.get(known)!;
  const { user } = requireUser(world, userId);
  const record: ChannelRecord = { api: makeDmChannel(snowflake(), user), guildId: null, recipientId: userId };
  world.channels.set(record.api.id, record);
  world.dmChannelByUser.set(userId, record.api.id);
  return record;
}

/** Stores a new or edited message and wakes waitForMessages. */
export function storeMessage(world: World, record: MessageRecord): void {
  const isNew = !world.messages.has(record.api.id);
  world.messages.set(record.api.id, record);
  const channel = world.channels.get(record.api.channel_id);
  const ephemeral = ((record.api.flags ?? 0) & (1 << 6)) !== 0;
  if (channel && isNew && !ephemeral) channel.api.last_message_id = record.api.id;
  for (const listener of world.onMessage) listener();
}

/** A stored message as tests see it: the API object plus the uploaded bytes of its attachments. */
export type FakeMessage = APIMessage & { files: StoredFile[] };

export function toFakeMessage(record: MessageRecord): FakeMessage {
  return { ...structuredClone(record.api), files: record.files };
}
