// Channel and DM routes. Message creation applies Discord's rules a bot can trip over: closed or
// unreachable DMs (50007), missing permissions (50013), empty messages (50006), unknown reply
// targets, and nonce de-duplication with enforce_nonce.
import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { Context } from './context.js';
import { isEmptyMessage } from './limits.js';
import { createMessage, editMessage } from './messages.js';
import {
  discordError,
  type FakeReply,
  type FakeRequest,
  invalidFormBody,
  noContent,
  ok,
  type RouteDef,
  validateBody,
  withoutDiscordJsDefaults,
} from './router.js';
import { type ChannelRecord, type MessageRecord, memberPermissions } from './state.js';

type Obj = Record<string, unknown>;
const EPHEMERAL = 1 << 6;
const channelMajor = { auth: true, major: ['channel_id'] } as const;

function channelOf(req: FakeRequest, ctx: Context): ChannelRecord | FakeReply {
  return ctx.world.channels.get(req.params.channel_id ?? '') ?? discordError(404, 10003, 'Unknown Channel');
}

function channelSchema(channel: ChannelRecord): string {
  return channel.recipientId ? 'PrivateChannelResponseSchema' : 'GuildChannelResponseSchema';
}

function botLacks(ctx: Context, channel: ChannelRecord, bits: bigint): boolean {
  if (!channel.guildId) return false;
  return (BigInt(memberPermissions(ctx.world, channel.guildId, ctx.world.botUser.id)) & bits) !== bits;
}

// Discord refuses DMs to users who closed them, to bots, and to users sharing no guild with the bot.
function dmBlocked(ctx: Context, channel: ChannelRecord): boolean {
  if (!channel.recipientId) return false;
  const recipient = ctx.world.users.get(channel.recipientId);
  const sharesGuild = [...ctx.world.guilds.values()].some(
    (g) => g.members.has(channel.recipientId!) && g.members.has(ctx.world.botUser.id),
  );
  return !recipient || recipient.dmsClosed || recipient.user.bot === true || !sharesGuild;
}

type Reference = { reply: FakeReply } | { type: 19; extra: Obj } | null;

function reference(req: FakeRequest, ctx: Context, channel: ChannelRecord, body: Obj): Reference {
  const ref = body.message_reference as Obj | undefined;
  if (!ref || ref.message_id == null) return null;
  const target = ctx.world.messages.get(String(ref.message_id));
  if (!target && ref.fail_if_not_exists !== false) {
    const reply = invalidFormBody(req, ctx, {
      message_reference: { _errors: [{ code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', message: 'Unknown message' }] },
    });
    return reply ? { reply } : null;
  }
  if (!target) return null;
  const guild = channel.guildId ? { guild_id: channel.guildId } : {};
  return {
    type: 19,
    extra: { message_reference: { type: 0, channel_id: target.api.channel_id, message_id: target.api.id, ...guild } },
  };
}

function createChannelMessage(req: FakeRequest, ctx: Context): FakeReply {
  const channel = channelOf(req, ctx);
  if (!('api' in channel)) return channel;
  const body = (req.body ?? {}) as Obj;
  const invalid = validateBody(req, ctx, 'MessageCreateRequestSchema', body, body);
  if (invalid) return invalid;
  if (isEmptyMessage(body, req.files.length)) return discordError(400, 50006, 'Cannot send an empty message');
  if (dmBlocked(ctx, channel)) {
    ctx.stats.closedDmRejections += 1;
    return discordError(403, 50007, 'Cannot send messages to this user');
  }
  const needs =
    PermissionFlagsBits.ViewChannel |
    PermissionFlagsBits.SendMessages |
    (req.files.length > 0 ? PermissionFlagsBits.AttachFiles : 0n);
  if (botLacks(ctx, channel, needs)) return discordError(403, 50013, 'Missing Permissions');
  const nonceKey = body.enforce_nonce === true && body.nonce != null ? `${channel.api.id}:${String(body.nonce)}` : null;
  const seen = nonceKey ? ctx.world.nonces.get(nonceKey) : undefined;
  const earlier = seen && Date.now() - seen.at < ctx.nonceWindowMs ? ctx.world.messages.get(seen.messageId) : undefined;
  if (earlier) return ok(earlier.api, 'MessageResponseSchema');
  const ref = reference(req, ctx, channel, body);
  if (ref && 'reply' in ref) return ref.reply;
  const message = createMessage(ctx.world, ctx.origin, {
    channelId: channel.api.id,
    author: ctx.world.botUser,
    body,
    files: req.files,
    ...(ref ?? {}),
  });
  if (nonceKey) ctx.world.nonces.set(nonceKey, { messageId: message.api.id, at: Date.now() });
  return ok(message.api, 'MessageResponseSchema');
}

// Ephemeral messages exist only for their interaction; channel routes cannot see them.
function channelMessage(req: FakeRequest, ctx: Context): MessageRecord | FakeReply {
  const channel = channelOf(req, ctx);
  if (!('api' in channel)) return channel;
  const message = ctx.world.messages.get(req.params.message_id ?? '');
  if (!message || message.api.channel_id !== channel.api.id || ((message.api.flags ?? 0) & EPHEMERAL) !== 0)
    return discordError(404, 10008, 'Unknown Message');
  return message;
}

function editChannelMessage(req: FakeRequest, ctx: Context): FakeReply {
  const message = channelMessage(req, ctx);
  if (!('api' in message)) return message;
  if (message.api.author.id !== ctx.world.botUser.id)
    return discordError(403, 50005, 'Cannot edit a message authored by another user');
  const body = withoutDiscordJsDefaults(req.body ?? {}, ['tts', 'enforce_nonce']) as Obj;
  const invalid = validateBody(req, ctx, 'MessageEditRequestPartialSchema', body, body);
  if (invalid) return invalid;
  editMessage(ctx.world, ctx.origin, message, body, req.files);
  return ok(message.api, 'MessageResponseSchema');
}

// Discord returns a message's nonce when it is created, and promises it nowhere else.
function fetched(message: MessageRecord['api']): MessageRecord['api'] {
  const { nonce: _nonce, ...rest } = message;
  return rest;
}

function listMessages(req: FakeRequest, ctx: Context): FakeReply {
  const channel = channelOf(req, ctx);
  if (!('api' in channel)) return channel;
  const limit = Math.min(100, Number(req.query.get('limit') ?? 50));
  const visible = [...ctx.world.messages.values()].filter(
    (m) => m.api.channel_id === channel.api.id && ((m.api.flags ?? 0) & EPHEMERAL) === 0,
  );
  return ok(
    visible
      .reverse()
      .slice(0, limit)
      .map((m) => fetched(m.api)),
    'MessageResponseSchema[]',
  );
}

export const channelRoutes: RouteDef[] = [
  {
    ...channelMajor,
    method: 'GET',
    template: '/channels/{channel_id}',
    handle: (req, ctx) => {
      const c = channelOf(req, ctx);
      return 'api' in c ? ok(c.api, channelSchema(c)) : c;
    },
  },
  {
    ...channelMajor,
    method: 'POST',
    template: '/channels/{channel_id}/messages',
    limit: { limit: 5, windowMs: 5000 },
    handle: createChannelMessage,
  },
  { ...channelMajor, method: 'GET', template: '/channels/{channel_id}/messages', handle: listMessages },
  {
    ...channelMajor,
    method: 'POST',
    template: '/channels/{channel_id}/typing',
    handle: (req, ctx) => {
      const c = channelOf(req, ctx);
      return 'api' in c ? noContent : c;
    },
  },
  {
    ...channelMajor,
    method: 'GET',
    template: '/channels/{channel_id}/messages/{message_id}',
    handle: (req, ctx) => {
      const m = channelMessage(req, ctx);
      return 'api' in m ? ok(fetched(m.api), 'MessageResponseSchema') : m;
    },
  },
  {
    ...channelMajor,
    method: 'PATCH',
    template: '/channels/{channel_id}/messages/{message_id}',
    limit: { limit: 5, windowMs: 5000 },
    handle: editChannelMessage,
  },
  {
    ...channelMajor,
    method: 'DELETE',
    template: '/channels/{channel_id}/messages/{message_id}',
    limit: { limit: 5, windowMs: 1000 },
    handle: (req, ctx) => {
      const m = channelMessage(req, ctx);
      if (!('api' in m)) return m;
      const channel = ctx.world.channels.get(m.api.channel_id)!;
      if (m.api.author.id !== ctx.world.botUser.id && botLacks(ctx, channel, PermissionFlagsBits.ManageMessages))
        return discordError(403, 50013, 'Missing Permissions');
      ctx.world.messages.delete(m.api.id);
      return noContent;
    },
  },
];
