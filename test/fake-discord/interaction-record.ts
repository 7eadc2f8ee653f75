// Per-interaction bookkeeping, and the "what does the user see" view tests assert on.
import type { APIEmbed, APIInteraction, APIMessage } from 'discord-api-types/v10';
import { type FakeMessage, type StoredFile, toFakeMessage, type World } from './state.js';

export interface ResponseEntry {
  kind:
    | 'callback'
    | 'get-original'
    | 'edit-original'
    | 'delete-original'
    | 'followup'
    | 'get-message'
    | 'edit-message'
    | 'delete-message';
  at: number;
  status: number;
  callbackType?: number;
  body?: unknown;
  error?: { code: number; message: string };
}

export interface InteractionRecord {
  id: string;
  token: string;
  payload: APIInteraction;
  dispatchedAt: number;
  userId: string;
  channelId: string;
  guildId: string | null;
  /** The message a component was clicked on (or a modal opened from). */
  sourceMessageId: string | null;
  ack: { type: number; at: number } | null;
  /** The message '@original' refers to: the reply, the deferred placeholder, or the updated source. */
  originalMessageId: string | null;
  originalSettled: boolean;
  modal: unknown;
  /** A modal can be submitted once; later submits need it shown again. */
  modalSubmitted: boolean;
  choices: unknown[] | null;
  followUpIds: string[];
  responses: ResponseEntry[];
  errors: Array<{ kind: ResponseEntry['kind']; status: number; code: number; message: string }>;
  listeners: Set<() => void>;
}

export interface UserView {
  /**
   * message: reply/update shown; thinking: deferred (type 5 or 6) and not edited yet; deleted: reply deleted; none: no
   * callback.
   */
  kind: 'message' | 'modal' | 'autocomplete' | 'thinking' | 'deleted' | 'none';
  content: string;
  embeds: APIEmbed[];
  components: APIMessage['components'];
  flags: number;
  ephemeral: boolean;
  attachments: StoredFile[];
  message: FakeMessage | null;
  modal: unknown;
  choices: unknown[] | null;
  followUps: FakeMessage[];
}

export interface FakeInteraction {
  id: string;
  token: string;
  payload: APIInteraction;
  /** Every callback, edit and follow-up the bot sent for this interaction, with HTTP status. */
  responses: readonly ResponseEntry[];
  /** The Discord errors among them (code 10062, 40060, 50035, ...). */
  errors: readonly InteractionRecord['errors'][number][];
  /** Waits (up to timeoutMs, default 5000) until the response is final, then returns what the user sees. */
  response(opts?: { timeoutMs?: number }): Promise<UserView>;
}

const EPHEMERAL = 1 << 6;

export function recordResponse(record: InteractionRecord, entry: ResponseEntry): void {
  record.responses.push(entry);
  if (entry.error) record.errors.push({ kind: entry.kind, status: entry.status, ...entry.error });
  for (const listener of record.listeners) listener();
}

export function isSettled(record: InteractionRecord, deadlineMs: number): boolean {
  if (!record.ack) return Date.now() - record.dispatchedAt > deadlineMs;
  return record.originalSettled;
}

export function userView(world: World, record: InteractionRecord): UserView {
  const original = record.originalMessageId ? world.messages.get(record.originalMessageId) : undefined;
  const message = original ? toFakeMessage(original) : null;
  const followUps = record.followUpIds.flatMap((id) => {
    const found = world.messages.get(id);
    return found ? [toFakeMessage(found)] : [];
  });
  const ackType = record.ack?.type;
  const kind: UserView['kind'] =
    ackType === undefined
      ? 'none'
      : ackType === 9
        ? 'modal'
        : ackType === 8
          ? 'autocomplete'
          : record.originalMessageId !== null && !original
            ? 'deleted'
            : record.originalSettled
              ? 'message'
              : 'thinking';
  const flags = message?.flags ?? 0;
  return {
    kind,
    content: message?.content ?? '',
    embeds: message?.embeds ?? [],
    components: message?.components ?? [],
    flags,
    ephemeral: (flags & EPHEMERAL) !== 0,
    attachments: message?.files ?? [],
    message,
    modal: record.modal,
    choices: record.choices,
    followUps,
  };
}

export function toFakeInteraction(world: World, record: InteractionRecord, deadlineMs: number): FakeInteraction {
  return {
    id: record.id,
    token: record.token,
    payload: record.payload,
    responses: record.responses,
    errors: record.errors,
    response: ({ timeoutMs = 5000 } = {}) =>
      new Promise((resolve) => {
        const finish = (): void => {
          clearTimeout(timer);
          clearTimeout(deadline);
          record.listeners.delete(check);
          resolve(userView(world, record));
        };
        const check = (): void => {
          if (isSettled(record, deadlineMs)) finish();
        };
        const timer = setTimeout(finish, timeoutMs);
        // With no callback at all, the answer is known once the deadline has passed.
        const deadline = setTimeout(check, Math.max(0, record.dispatchedAt + deadlineMs + 1 - Date.now()));
        record.listeners.add(check);
        check();
      }),
  };
}
