// Gateway v10 over `ws`, JSON encoding, no compression: HELLO, IDENTIFY -> READY + GUILD_CREATE,
// heartbeats, RESUME with replay of missed dispatches, op 7 on demand. Sessions survive a dropped
// socket (so discord.js can resume) but not a clean 1000/1001 close, as on Discord. Sharding: IDENTIFY's
// `shard: [id, count]` (absent = [0, 1]) must be a valid pair (4010) with at least the fake's `shards`
// (4011); a guild's events go to the sessions of shard `(guild_id >> 22) % count`, the rest (DMs) to shard 0.
import type { Server } from 'node:http';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type { Context } from './context.js';
import { guildCreatePayload, readyPayload } from './payloads.js';
import { randomToken } from './snowflake.js';

interface Dispatch {
  op: 0;
  t: string;
  s: number;
  d: unknown;
}
interface Session {
  id: string;
  shard: [number, number];
  seq: number;
  backlog: Dispatch[];
  socket: WebSocket | null;
}
interface Frame {
  op: number;
  d?: Record<string, unknown> | number | null;
}

export interface GatewayControl {
  /** Queues an op 0 dispatch on every session; returns how many sessions it went to. */
  dispatch(event: string, data: unknown): number;
  /** Sends op 7 RECONNECT to every connected client. */
  sendReconnect(): void;
  /** Kills every socket without a close frame (network failure); sessions stay resumable. */
  dropConnections(): void;
  readonly identifies: number;
  readonly resumes: number;
  readonly connectedSockets: number;
  /** The `[id, count]` of every identified session. */
  readonly shards: Array<[number, number]>;
  close(): Promise<void>;
}

const HEARTBEAT_INTERVAL = 41_250;
const BACKLOG_LIMIT = 1_000;

interface GatewayState {
  ctx: Context;
  /** The shard count Discord requires (and recommends in GET /gateway/bot). */
  shards: number;
  url: string;
  sessions: Map<string, Session>;
  counts: { identifies: number; resumes: number };
}

function send(socket: WebSocket | null, payload: unknown): void {
  if (socket?.readyState === 1) socket.send(JSON.stringify(payload));
}

function dispatchTo(session: Session, t: string, d: unknown): void {
  const frame: Dispatch = { op: 0, t, s: ++session.seq, d };
  session.backlog.push(frame);
  if (session.backlog.length > BACKLOG_LIMIT) session.backlog.shift();
  send(session.socket, frame);
}

function validToken(state: GatewayState, token: unknown): boolean {
  return token === state.ctx.world.token || token === `Bot ${state.ctx.world.token}`;
}

/** Closes the connection with a gateway close code; the connection has no session after it. */
function refuse(socket: WebSocket, code: number, reason: string): null {
  socket.close(code, reason);
  return null;
}

function identify(state: GatewayState, socket: WebSocket, d: Record<string, unknown>): Session | null {
  const { world } = state.ctx;
  if (!validToken(state, d.token)) return refuse(socket, 4004, 'Authentication failed.');
  if (typeof d.intents !== 'number') return refuse(socket, 4013, 'Invalid intent(s).');
  const shard = d.shard === undefined ? [0, 1] : d.shard;
  if (!isShardPair(shard)) return refuse(socket, 4010, 'Invalid shard.');
  if (shard[1] < state.shards) return refuse(socket, 4011, 'Sharding required.');
  const session: Session = { id: randomToken('session').slice(8, 40), shard, seq: 0, backlog: [], socket };
  state.sessions.set(session.id, session);
  state.counts.identifies += 1;
  const guildIds = [...world.guilds.keys()].filter((guildId) => shardOf(guildId, shard[1]) === shard[0]);
  dispatchTo(session, 'READY', readyPayload(world, session.id, state.url, shard, guildIds));
  for (const guildId of guildIds) dispatchTo(session, 'GUILD_CREATE', guildCreatePayload(world, guildId));
  return session;
}

function resume(state: GatewayState, socket: WebSocket, d: Record<string, unknown>): Session | null {
  if (!validToken(state, d.token)) return refuse(socket, 4004, 'Authentication failed.');
  const session = state.sessions.get(String(d.session_id));
  if (!session) {
    send(socket, { op: 9, d: false, s: null, t: null });
    return null;
  }
  session.socket?.terminate();
  session.socket = socket;
  state.counts.resumes += 1;
  const seq = typeof d.seq === 'number' ? d.seq : 0;
  for (const frame of session.backlog) if (frame.s > seq) send(socket, frame);
  dispatchTo(session, 'RESUMED', null);
  return session;
}

function isShardPair(value: unknown): value is [number, number] {
  if (!Array.isArray(value) || value.length !== 2 || !value.every(Number.isInteger)) return false;
  const [id, count] = value as [number, number];
  return count >= 1 && id >= 0 && id < count;
}

/** Discord's routing: `(guild_id >> 22) % num_shards`. */
export const shardOf = (guildId: string, count: number): number => Number((BigInt(guildId) >> 22n) % BigInt(count));

/** The guild an event belongs to (GUILD_CREATE and friends carry it as `id`); undefined for DMs. */
function guildOf(event: string, data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const d = data as { id?: unknown; guild_id?: unknown };
  if (typeof d.guild_id === 'string') return d.guild_id;
  return event.startsWith('GUILD_') && typeof d.id === 'string' ? d.id : undefined;
}

/** Handles one client frame; returns the connection's session after it. */
function onFrame(state: GatewayState, socket: WebSocket, session: Session | null, raw: RawData): Session | null {
  let frame: Frame;
  try {
    frame = JSON.parse(raw.toString()) as Frame;
  } catch {
    socket.close(4002, 'Error while decoding payload.');
    return session;
  }
  const d = typeof frame.d === 'object' && frame.d !== null ? frame.d : {};
  if (frame.op === 1) {
    send(socket, { op: 11, d: null, s: null, t: null });
    return session;
  }
  if (frame.op === 2 && session) socket.close(4005, 'Already authenticated.');
  if (frame.op === 2) return session ?? identify(state, socket, d);
  if (frame.op === 6) return resume(state, socket, d);
  if (!session) return refuse(socket, 4003, 'Not authenticated.');
  // Presence (3), voice (4), request members (8) and soundboard (31) are accepted and ignored.
  if (![3, 4, 8, 31].includes(frame.op)) socket.close(4001, 'Unknown opcode.');
  return session;
}

function onConnection(state: GatewayState, socket: WebSocket, query: URLSearchParams): void {
  if (query.get('v') !== '10') {
    socket.close(4012, 'Invalid API version.');
    return;
  }
  if (query.get('encoding') !== 'json' || query.has('compress')) {
    socket.close(4002, 'Error while decoding payload.');
    return;
  }
  let session: Session | null = null;
  send(socket, { op: 10, d: { heartbeat_interval: HEARTBEAT_INTERVAL }, s: null, t: null });
  socket.on('message', (raw: RawData) => {
    session = onFrame(state, socket, session, raw);
  });
  socket.on('close', (code) => {
    if (!session || session.socket !== socket) return;
    session.socket = null;
    if (code === 1000 || code === 1001) state.sessions.delete(session.id); // a clean close ends the session
  });
}

export function attachGateway(server: Server, ctx: Context, url: string, shards = 1): GatewayControl {
  const wss = new WebSocketServer({ server, path: '/gateway' });
  const state: GatewayState = { ctx, shards, url, sessions: new Map(), counts: { identifies: 0, resumes: 0 } };
  wss.on('connection', (socket, req) => onConnection(state, socket, new URL(req.url ?? '/', 'http://x').searchParams));
  return {
    dispatch(event, data) {
      const guildId = guildOf(event, data);
      let sent = 0;
      for (const session of state.sessions.values()) {
        const [id, count] = session.shard;
        if ((guildId === undefined ? 0 : shardOf(guildId, count)) !== id) continue;
        dispatchTo(session, event, data);
        sent += 1;
      }
      return sent;
    },
    sendReconnect() {
      for (const s of state.sessions.values()) send(s.socket, { op: 7, d: null, s: null, t: null });
    },
    dropConnections() {
      for (const socket of wss.clients) socket.terminate();
    },
    get identifies() {
      return state.counts.identifies;
    },
    get resumes() {
      return state.counts.resumes;
    },
    get connectedSockets() {
      return wss.clients.size;
    },
    get shards() {
      return [...state.sessions.values()].map((session) => session.shard);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of wss.clients) socket.terminate();
        wss.close(() => resolve());
      }),
  };
}
