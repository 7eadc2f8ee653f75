/**
 * A fake Discord (REST v10 + gateway v10) on 127.0.0.1 for driving the real discord.js client.
 * The only seam is configuration: `new Client({ intents, rest: { api: fake.apiBase } })`, then
 * `client.login(fake.token)`; discord.js finds the gateway (ws://.../gateway) via GET /gateway/bot.
 *
 *   const fake = await startFakeDiscord({ globalLimitPerSecond?: 50, interactionDeadlineMs?: 3000,
 *     interactionTokenTtlMs?: 900_000, nonceWindowMs?: 60_000, strict?: true,
 *     routeLimits?: { 'POST /users/@me/channels': { limit, windowMs } }, shards?: 1, token?, botName? });
 *   fake.apiBase ('http://127.0.0.1:PORT/api') / fake.gatewayUrl / fake.token / fake.applicationId / fake.botUser
 *   fake.addGuild({ id?, name?, ownerId?, everyonePermissions?, botPermissions? })
 *     -> { id, name, ownerId, general, channels }
 *   fake.addChannel(guildId, name) ; fake.addUser({ id?, username?, bot? })
 *   fake.addMember(guildId, userId, { permissions? })
 *   fake.setDmsClosed(userId, closed) ; fake.dmChannelOf(userId) -> DM channel id once created
 *   fake.slashCommand({ userId, guildId?, channelId?, name, options?, subcommand?, subcommandGroup?, id?,
 *     memberPermissions? })
 *   fake.autocomplete({ ...same, focused }) ; fake.clickButton({ userId, message | channelId+messageId, customId })
 *   fake.selectMenu({ ...clickButton, values }) ; fake.submitModal({ userId, customId, fields })
 *   fake.replay(interaction) -> dispatches the same interaction (same id and token) again
 *     all return FakeInteraction { id, token, payload, responses, errors, response({ timeoutMs? }) -> UserView }
 *     (no guildId = the user's DM with the bot; the command must be registered unless strict: false)
 *   fake.messages(channelId?) ; await fake.waitForMessages(predicate, { count?, timeoutMs? })
 *   fake.commands { global, byGuild } as last bulk-overwritten ; fake.stats ; fake.resetStats()
 *   fake.failRequests('GET /applications/{application_id}/commands', 503, times) (an outage, counted in stats)
 *   fake.gateway { sendReconnect() (op 7), dropConnections(), identifies, resumes, connectedSockets, shards }
 *   await fake.close()
 *
 * Discord rules enforced: Discord's OpenAPI schemas (strict: unknown keys too) and size limits on
 * every body (400/50035, recorded in stats.schemaViolations); global (per token, interaction
 * endpoints exempt) and per-route rate limits with Discord's headers; the 3 s interaction deadline
 * (10062); one acknowledgement per interaction (40060); 15 min interaction webhooks (50027); DMs
 * refused (50007) when closed, to bots, or to users sharing no guild with the bot; missing bot
 * permissions (50013); empty messages (50006); enforce_nonce de-duplication (60 s, `nonceWindowMs`;
 * fetched messages carry no nonce, as Discord promises none there); Bot-token auth
 * (401); loud 404s for unknown routes (stats.unknownRoutes). The fake also checks its own responses
 * against the spec (stats.responseViolations). Not modelled: channel permission overwrites,
 * threads, reactions, MESSAGE_CREATE and member events, op 8 member requests, heartbeat timeouts,
 * message pagination (before/after). Sharding is: `shards` in GET /gateway/bot, IDENTIFY's shard pair
 * (4010 invalid, 4011 fewer than `shards`), each guild's events on its shard, DMs on shard 0.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FakeDiscord, gatewayControls, interactionControls, worldControls } from './api.js';
import { type Context, emptyStats, type FakeDiscordOptions } from './context.js';
import { attachGateway, type GatewayControl } from './gateway.js';
import { createPipeline } from './http.js';
import { appRoutes, gatewayUrl } from './routes-app.js';
import { callbackRoute } from './routes-callback.js';
import { channelRoutes } from './routes-channels.js';
import { webhookRoutes } from './routes-webhooks.js';
import { randomToken } from './snowflake.js';
import { createWorld } from './state.js';

export type { FakeDiscord, FakeGuild } from './api.js';
export type { FakeDiscordOptions, FakeStats } from './context.js';
export type { GatewayControl } from './gateway.js';
export type { FakeInteraction, ResponseEntry, UserView } from './interaction-record.js';
export type { ComponentCall, ModalCall, SlashCommandCall } from './interactions.js';
export { checkSpec, checkSpecArray } from './spec.js';
export type { FakeMessage, StoredFile } from './state.js';

function requireSession(gateway: GatewayControl): (event: string, data: unknown) => void {
  return (event, data) => {
    if (gateway.dispatch(event, data) === 0)
      throw new Error('fake-discord: no gateway session (of this shard); log a client in first');
  };
}

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const world = createWorld(options.token ?? randomToken('ZmFrZS1ib3Q'), options.botName ?? 'career-coach');
  const ctx: Context = {
    world,
    stats: emptyStats(),
    strict: options.strict ?? true,
    origin: '',
    interactionDeadlineMs: options.interactionDeadlineMs ?? 3000,
    interactionTokenTtlMs: options.interactionTokenTtlMs ?? 15 * 60_000,
    nonceWindowMs: options.nonceWindowMs ?? 60_000,
    shards: options.shards ?? 1,
    interactions: new Map(),
    interactionsByToken: new Map(),
    dispatch: () => undefined,
    faults: new Map(),
  };
  const routes = [...appRoutes, ...channelRoutes, callbackRoute, ...webhookRoutes];
  const server = createServer(
    createPipeline(routes, ctx, options.globalLimitPerSecond ?? 50, options.routeLimits ?? {}),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  ctx.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const gateway = attachGateway(server, ctx, gatewayUrl(ctx), ctx.shards);
  ctx.dispatch = requireSession(gateway);
  return {
    apiBase: `${ctx.origin}/api`,
    gatewayUrl: gatewayUrl(ctx),
    token: world.token,
    applicationId: world.applicationId,
    botUser: world.botUser,
    ...worldControls(world, (event, data) => void gateway.dispatch(event, data)),
    ...interactionControls(ctx),
    commands: world.commands, // stable objects, mutated in place
    stats: ctx.stats,
    resetStats() {
      Object.assign(ctx.stats, emptyStats());
    },
    failRequests(route, status, times) {
      ctx.faults.set(route, { status, remaining: times });
    },
    gateway: gatewayControls(gateway),
    async close() {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
