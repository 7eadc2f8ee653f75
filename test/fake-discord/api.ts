// The public surface of the fake (FakeDiscord) and the pieces startFakeDiscord assembles it from.
import type { APITextChannel, APIUser } from 'discord-api-types/v10';
import type { Context, FakeStats } from './context.js';
import type { GatewayControl } from './gateway.js';
import type { FakeInteraction } from './interaction-record.js';
import {
  autocomplete,
  type ComponentCall,
  dispatchRecord,
  type ModalCall,
  type SlashCommandCall,
  slashCommand,
  submitModal,
  useComponent,
} from './interactions.js';
import { guildCreatePayload } from './payloads.js';
import {
  addChannel,
  addGuild,
  addMember,
  addUser,
  ensureDmChannel,
  type FakeMessage,
  type GuildOptions,
  requireUser,
  toFakeMessage,
  type World,
} from './state.js';
import { waitForMessages } from './wait.js';

export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  general: APITextChannel;
  channels: APITextChannel[];
}

export interface FakeDiscord {
  apiBase: string;
  gatewayUrl: string;
  token: string;
  applicationId: string;
  botUser: APIUser;
  addGuild(opts?: GuildOptions): FakeGuild;
  addChannel(guildId: string, name: string): APITextChannel;
  addUser(opts?: { id?: string; username?: string; bot?: boolean }): APIUser;
  addMember(guildId: string, userId: string, opts?: { permissions?: string }): void;
  setDmsClosed(userId: string, closed: boolean): void;
  dmChannelOf(userId: string): string | undefined;
  /** Opens a user's DM channel without a request (seeding state an earlier /start would have left). */
  seedDmChannel(userId: string): string;
  slashCommand(call: SlashCommandCall): FakeInteraction;
  autocomplete(call: SlashCommandCall & { focused: string }): FakeInteraction;
  clickButton(call: ComponentCall): FakeInteraction;
  selectMenu(call: ComponentCall & { values: string[] }): FakeInteraction;
  submitModal(call: ModalCall): FakeInteraction;
  replay(interaction: FakeInteraction): FakeInteraction;
  messages(channelId?: string): FakeMessage[];
  waitForMessages(
    predicate: (m: FakeMessage) => boolean,
    opts?: { count?: number; timeoutMs?: number },
  ): Promise<FakeMessage[]>;
  readonly commands: World['commands'];
  readonly stats: FakeStats;
  resetStats(): void;
  /** The next `times` requests to a route (keyed like stats.byRoute) fail with `status`, e.g. an outage's 503. */
  failRequests(route: string, status: number, times: number): void;
  gateway: Omit<GatewayControl, 'dispatch' | 'close'>;
  close(): Promise<void>;
}

export type WorldControls = Pick<
  FakeDiscord,
  | 'addGuild'
  | 'addChannel'
  | 'addUser'
  | 'addMember'
  | 'setDmsClosed'
  | 'dmChannelOf'
  | 'seedDmChannel'
  | 'messages'
  | 'waitForMessages'
>;

/** `live` tells connected clients about world changes (GUILD_CREATE, CHANNEL_CREATE). */
export function worldControls(world: World, live: (event: string, data: unknown) => void): WorldControls {
  return {
    addGuild(opts = {}) {
      const guild = addGuild(world, opts);
      live('GUILD_CREATE', guildCreatePayload(world, guild.id));
      const channels = guild.channelIds.map((id) => world.channels.get(id)!.api as APITextChannel);
      return { id: guild.id, name: guild.name, ownerId: guild.ownerId, general: channels[0]!, channels };
    },
    addChannel(guildId, name) {
      const channel = addChannel(world, guildId, name);
      live('CHANNEL_CREATE', channel);
      return channel;
    },
    addUser: (opts) => addUser(world, opts),
    addMember(guildId, userId, opts = {}) {
      addMember(world, guildId, userId, opts.permissions);
    },
    setDmsClosed(userId, closed) {
      requireUser(world, userId).dmsClosed = closed;
    },
    dmChannelOf: (userId) => world.dmChannelByUser.get(userId),
    seedDmChannel: (userId) => ensureDmChannel(world, userId).api.id,
    messages: (channelId) =>
      [...world.messages.values()].filter((m) => !channelId || m.api.channel_id === channelId).map(toFakeMessage),
    waitForMessages: (predicate, opts = {}) => waitForMessages(world, predicate, opts),
  };
}

export type InteractionControls = Pick<
  FakeDiscord,
  'slashCommand' | 'autocomplete' | 'clickButton' | 'selectMenu' | 'submitModal' | 'replay'
>;

export function interactionControls(ctx: Context): InteractionControls {
  return {
    slashCommand: (call) => slashCommand(ctx, call),
    autocomplete: (call) => autocomplete(ctx, call),
    clickButton: (call) => useComponent(ctx, call),
    selectMenu: (call) => useComponent(ctx, call),
    submitModal: (call) => submitModal(ctx, call),
    replay(interaction) {
      const record = ctx.interactions.get(interaction.id);
      if (!record) throw new Error(`fake-discord: unknown interaction ${interaction.id}`);
      return dispatchRecord(ctx, record);
    },
  };
}

export function gatewayControls(gateway: GatewayControl): FakeDiscord['gateway'] {
  return {
    sendReconnect: () => gateway.sendReconnect(),
    dropConnections: () => gateway.dropConnections(),
    get identifies() {
      return gateway.identifies;
    },
    get resumes() {
      return gateway.resumes;
    },
    get connectedSockets() {
      return gateway.connectedSockets;
    },
    get shards() {
      return gateway.shards;
    },
  };
}
