// User actions that create interactions (slash command, autocomplete, button, select, modal) and
// their dispatch over the gateway. Each refuses what a real Discord client could not send.
import type { APIApplicationCommand } from 'discord-api-types/v10';
import { buildCommandData, type CommandCall } from './command-options.js';
import type { Context } from './context.js';
import { asInteraction, basePayload, type Invoker, type Place, resolvedFor } from './interaction-payloads.js';
import { type FakeInteraction, type InteractionRecord, toFakeInteraction } from './interaction-record.js';
import { normalizeComponents } from './messages.js';

const fail = (message: string): never => {
  throw new Error(`fake-discord: ${message}`);
};

export function dispatchRecord(ctx: Context, record: InteractionRecord): FakeInteraction {
  ctx.dispatch('INTERACTION_CREATE', record.payload);
  return toFakeInteraction(ctx.world, record, ctx.interactionDeadlineMs);
}

function register(
  ctx: Context,
  place: Place,
  payload: Record<string, unknown>,
  sourceMessageId: string | null,
): InteractionRecord {
  const record: InteractionRecord = {
    id: String(payload.id),
    token: String(payload.token),
    payload: asInteraction(payload),
    dispatchedAt: Date.now(),
    ...place,
    sourceMessageId,
    ack: null,
    originalMessageId: null,
    originalSettled: false,
    modal: null,
    modalSubmitted: false,
    choices: null,
    followUpIds: [],
    responses: [],
    errors: [],
    listeners: new Set(),
  };
  ctx.interactions.set(record.id, record);
  ctx.interactionsByToken.set(record.token, record);
  return record;
}

// Discord hides commands the member may not use and commands not offered in this context.
function checkVisible(
  command: APIApplicationCommand | undefined,
  invoker: Invoker,
  payload: Record<string, unknown>,
): void {
  if (!command) return;
  const context = payload.context as number;
  if (command.contexts && !command.contexts.includes(context))
    fail(`/${command.name} is not available in context ${context}`);
  if (!invoker.guildId && command.dm_permission === false) fail(`/${command.name} is not available in DMs`);
  const required = command.default_member_permissions;
  const member = payload.member as { permissions?: string } | undefined;
  if (invoker.guildId && required && member?.permissions !== undefined && !invoker.bypassPermissionGate) {
    const need = BigInt(required);
    if ((BigInt(member.permissions) & need) !== need)
      fail(`/${command.name} is hidden from ${invoker.userId}: lacks permissions ${required}`);
  }
}

export type SlashCommandCall = Invoker & CommandCall;

export function slashCommand(ctx: Context, call: SlashCommandCall): FakeInteraction {
  const { place, payload } = basePayload(ctx, call, 2);
  const { data, command } = buildCommandData(ctx, call, place.guildId);
  checkVisible(command, call, payload);
  const resolved = resolvedFor(ctx, place, data);
  payload.data = resolved ? { ...data, resolved } : data;
  return dispatchRecord(ctx, register(ctx, place, payload, null));
}

export function autocomplete(ctx: Context, call: SlashCommandCall & { focused: string }): FakeInteraction {
  const { place, payload } = basePayload(ctx, call, 4);
  const { data, command } = buildCommandData(ctx, call, place.guildId, call.focused);
  checkVisible(command, call, payload);
  payload.data = data;
  return dispatchRecord(ctx, register(ctx, place, payload, null));
}

type Obj = Record<string, unknown>;
function findComponent(list: unknown, customId: string): Obj | null {
  if (!Array.isArray(list)) return null;
  for (const c of list as Obj[]) {
    if (c.custom_id === customId) return c;
    const nested = findComponent(c.components, customId) ?? findComponent(c.accessory ? [c.accessory] : [], customId);
    if (nested) return nested;
  }
  return null;
}

export interface ComponentCall {
  userId: string;
  customId: string;
  /** A stored message (fake.messages(), response().message) or its ids. */
  message?: { id: string; channel_id: string };
  channelId?: string;
  messageId?: string;
  /** Optional; the guild is taken from the message's channel and must match when given. */
  guildId?: string;
  /** Selected values, for select menus. */
  values?: string[];
}

export function useComponent(ctx: Context, call: ComponentCall): FakeInteraction {
  const messageId = call.message?.id ?? call.messageId ?? fail('clickButton needs message or messageId');
  const record = ctx.world.messages.get(messageId) ?? fail(`unknown message ${messageId}`);
  if (call.channelId !== undefined && call.channelId !== record.api.channel_id)
    fail(`message ${messageId} is not in channel ${call.channelId}`);
  const component =
    findComponent(record.api.components, call.customId) ??
    fail(`message ${messageId} has no component "${call.customId}"`);
  if (component.disabled === true) fail(`component "${call.customId}" is disabled`);
  const owner = record.api.interaction_metadata?.user?.id;
  if ((record.api.flags ?? 0) & 64 && owner !== undefined && owner !== call.userId)
    fail('only the invoking user can see an ephemeral message');
  const channel = ctx.world.channels.get(record.api.channel_id);
  const guildId = channel?.guildId ?? undefined;
  if (call.guildId !== undefined && call.guildId !== guildId)
    fail(`message ${messageId} is not in guild ${call.guildId}`);
  const { place, payload } = basePayload(
    ctx,
    { userId: call.userId, channelId: record.api.channel_id, ...(guildId ? { guildId } : {}) },
    3,
  );
  payload.message = record.api;
  payload.data = {
    custom_id: call.customId,
    component_type: component.type,
    ...(call.values ? { values: call.values } : {}),
  };
  return dispatchRecord(ctx, register(ctx, place, payload, record.api.id));
}

function modalComponents(modal: Obj, fields: Record<string, string>): unknown[] {
  const unused = new Set(Object.keys(fields));
  const answer = (input: Obj): Obj => {
    const id = String(input.custom_id);
    unused.delete(id);
    const value = fields[id] ?? '';
    if (input.required !== false && value.length === 0) fail(`modal field "${id}" is required`);
    return { type: input.type, id: input.id, custom_id: id, value };
  };
  const rows = (normalizeComponents(modal.components) as unknown as Obj[]).map((row) => {
    if (Array.isArray(row.components))
      return { type: row.type, id: row.id, components: (row.components as Obj[]).map(answer) };
    return row.component
      ? { type: row.type, id: row.id, component: answer(row.component as Obj) }
      : { type: row.type, id: row.id };
  });
  if (unused.size > 0) fail(`modal has no field(s) ${[...unused].join(', ')}`);
  return rows;
}

/**
 * `fields`: text input values by custom_id (text inputs only). The modal's place (guild, channel)
 * is the one it was opened in; guildId, when given, must match.
 */
export interface ModalCall {
  userId: string;
  customId: string;
  fields: Record<string, string>;
  guildId?: string;
}

export function submitModal(ctx: Context, call: ModalCall): FakeInteraction {
  const opener =
    [...ctx.interactions.values()]
      .reverse()
      .find(
        (r) =>
          r.userId === call.userId &&
          r.ack?.type === 9 &&
          !r.modalSubmitted &&
          (r.modal as Obj | null)?.custom_id === call.customId,
      ) ?? fail(`no modal "${call.customId}" was shown to user ${call.userId}`);
  if (call.guildId !== undefined && call.guildId !== opener.guildId)
    fail(`modal "${call.customId}" was opened outside guild ${call.guildId}`);
  const invoker = {
    userId: call.userId,
    channelId: opener.channelId,
    ...(opener.guildId ? { guildId: opener.guildId } : {}),
  };
  const { place, payload } = basePayload(ctx, invoker, 5);
  payload.data = { custom_id: call.customId, components: modalComponents(opener.modal as Obj, call.fields) };
  const source = opener.sourceMessageId ? ctx.world.messages.get(opener.sourceMessageId) : undefined;
  if (source) payload.message = source.api;
  opener.modalSubmitted = true;
  return dispatchRecord(ctx, register(ctx, place, payload, source?.api.id ?? null));
}
