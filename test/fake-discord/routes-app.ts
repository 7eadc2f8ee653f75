// Gateway discovery, users, the application, commands and guild read routes.
import { checkCommandRules, overwriteCommands } from './commands.js';
import type { Context } from './context.js';
import { guildPayload, guildTextChannels, memberPayload } from './payloads.js';
import {
  discordError,
  type FakeReply,
  type FakeRequest,
  invalidFormBody,
  ok,
  type RouteDef,
  validateBody,
} from './router.js';
import { checkSpecArray } from './spec.js';
import { ensureDmChannel } from './state.js';

type Obj = Record<string, unknown>;
const MAX_COMMANDS = 200; // 100 chat input + user/message context commands, with headroom

export function gatewayUrl(ctx: Context): string {
  return `${ctx.origin.replace(/^http/, 'ws')}/gateway`;
}

function me(ctx: Context): Obj {
  return { ...ctx.world.botUser, mfa_enabled: false, locale: 'en-US', verified: true, email: null };
}

function application(ctx: Context): Obj {
  const { world } = ctx;
  return {
    id: world.applicationId,
    name: world.botUser.username,
    icon: null,
    description: '',
    type: null,
    flags: 0,
    flags_new: '0',
    bot: world.botUser,
    bot_public: false,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    redirect_uris: [],
    interactions_endpoint_url: null,
    role_connections_verification_url: null,
    owner: world.botUser,
    approximate_guild_count: world.guilds.size,
    approximate_user_install_count: 0,
    approximate_user_authorization_count: 0,
    explicit_content_filter: 0,
    team: null,
    eligible_oauth2_scopes: [],
    integration_types_config: { 0: {} },
  };
}

function guildOr404(req: FakeRequest, ctx: Context): string | FakeReply {
  const id = req.params.guild_id ?? '';
  return ctx.world.guilds.has(id) ? id : discordError(404, 10004, 'Unknown Guild');
}

function putCommands(req: FakeRequest, ctx: Context): FakeReply {
  if (req.params.application_id !== ctx.world.applicationId) return discordError(403, 50001, 'Missing Access');
  const guildId = req.params.guild_id === undefined ? null : guildOr404(req, ctx);
  if (guildId !== null && typeof guildId !== 'string') return guildId;
  const body = Array.isArray(req.body) ? (req.body as Obj[]) : [];
  const check = checkSpecArray('ApplicationCommandUpdateRequestSchema', req.body, MAX_COMMANDS);
  const rules = check.ok ? checkCommandRules(body) : check.errors;
  const rejected = rules ? invalidFormBody(req, ctx, rules) : null;
  if (rejected) return rejected;
  return ok(overwriteCommands(ctx, guildId, body), 'ApplicationCommandResponseSchema[]');
}

function getCommands(req: FakeRequest, ctx: Context): FakeReply {
  if (req.params.guild_id === undefined) return ok(ctx.world.commands.global, 'ApplicationCommandResponseSchema[]');
  const guildId = guildOr404(req, ctx);
  return typeof guildId === 'string'
    ? ok(ctx.world.commands.byGuild.get(guildId) ?? [], 'ApplicationCommandResponseSchema[]')
    : guildId;
}

function createDm(req: FakeRequest, ctx: Context): FakeReply {
  const invalid = validateBody(req, ctx, 'CreatePrivateChannelRequestSchema', req.body ?? {});
  if (invalid) return invalid;
  const recipient = String((req.body as Obj | undefined)?.recipient_id ?? '');
  if (!ctx.world.users.has(recipient)) return discordError(404, 10013, 'Unknown User');
  // Discord returns the same DM channel for a user every time; closed DMs only fail on send.
  return ok(ensureDmChannel(ctx.world, recipient).api, 'PrivateChannelResponseSchema');
}

const commandLimit = { limit: 4, windowMs: 20_000 };
const guildCommands = '/applications/{application_id}/guilds/{guild_id}/commands';

export const appRoutes: RouteDef[] = [
  {
    method: 'GET',
    template: '/gateway/bot',
    auth: true,
    handle: (_req, ctx) =>
      ok(
        {
          url: gatewayUrl(ctx),
          shards: ctx.shards,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
        },
        'GatewayBotResponseSchema',
      ),
  },
  { method: 'GET', template: '/users/@me', auth: true, handle: (_req, ctx) => ok(me(ctx), 'UserPIIResponseSchema') },
  {
    method: 'GET',
    template: '/users/{user_id}',
    auth: true,
    handle: (req, ctx) => {
      const u = ctx.world.users.get(req.params.user_id ?? '');
      return u ? ok(u.user, 'UserResponseSchema') : discordError(404, 10013, 'Unknown User');
    },
  },
  {
    method: 'POST',
    template: '/users/@me/channels',
    auth: true,
    limit: { limit: 10, windowMs: 10_000 },
    handle: createDm,
  },
  {
    method: 'GET',
    template: '/applications/@me',
    auth: true,
    handle: (_req, ctx) => ok(application(ctx), 'PrivateApplicationResponseSchema'),
  },
  {
    method: 'GET',
    template: '/applications/{application_id}/commands',
    auth: true,
    major: ['application_id'],
    handle: getCommands,
  },
  {
    method: 'PUT',
    template: '/applications/{application_id}/commands',
    auth: true,
    major: ['application_id'],
    limit: commandLimit,
    handle: putCommands,
  },
  { method: 'GET', template: guildCommands, auth: true, major: ['application_id', 'guild_id'], handle: getCommands },
  {
    method: 'PUT',
    template: guildCommands,
    auth: true,
    major: ['application_id', 'guild_id'],
    limit: commandLimit,
    handle: putCommands,
  },
  {
    method: 'GET',
    template: '/guilds/{guild_id}',
    auth: true,
    major: ['guild_id'],
    handle: (req, ctx) => {
      const id = guildOr404(req, ctx);
      return typeof id === 'string' ? ok(guildPayload(ctx.world, id), 'GuildWithCountsResponseSchema') : id;
    },
  },
  {
    method: 'GET',
    template: '/guilds/{guild_id}/channels',
    auth: true,
    major: ['guild_id'],
    handle: (req, ctx) => {
      const id = guildOr404(req, ctx);
      return typeof id === 'string' ? ok(guildTextChannels(ctx.world, id), 'GuildChannelResponseSchema[]') : id;
    },
  },
  {
    method: 'GET',
    template: '/guilds/{guild_id}/roles',
    auth: true,
    major: ['guild_id'],
    handle: (req, ctx) => {
      const id = guildOr404(req, ctx);
      return typeof id === 'string' ? ok(ctx.world.guilds.get(id)!.roles, 'GuildRoleResponseSchema[]') : id;
    },
  },
  {
    method: 'GET',
    template: '/guilds/{guild_id}/members/{user_id}',
    auth: true,
    major: ['guild_id'],
    handle: (req, ctx) => {
      const id = guildOr404(req, ctx);
      if (typeof id !== 'string') return id;
      const member = memberPayload(ctx.world, id, req.params.user_id ?? '');
      return member ? ok(member, 'GuildMemberResponseSchema') : discordError(404, 10007, 'Unknown Member');
    },
  },
];
