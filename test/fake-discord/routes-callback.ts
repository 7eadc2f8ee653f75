// POST /interactions/{id}/{token}/callback: the first (and only) response to an interaction.
// Enforces Discord's 3-second deadline (10062), single acknowledgement (40060), the callback
// types each interaction type allows, and ?with_response=true.

import type { Context } from './context.js';
import { type InteractionRecord, recordResponse } from './interaction-record.js';
import { checkChoiceLimits, isEmptyMessage } from './limits.js';
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
import type { MessageRecord } from './state.js';

type Obj = Record<string, unknown>;
const EPHEMERAL = 1 << 6;
const LOADING = 1 << 7;
const DISCORD_JS_DEFAULTS = ['tts', 'enforce_nonce'];

/** Callback types Discord accepts per interaction type (2 command, 3 component, 4 autocomplete, 5 modal). */
const ALLOWED: Record<number, number[]> = { 2: [4, 5, 9], 3: [4, 5, 6, 7, 9], 4: [8], 5: [4, 5, 6, 7] };
const SCHEMA: Record<number, string> = {
  4: 'CreateMessageInteractionCallbackRequestSchema',
  5: 'CreateMessageInteractionCallbackRequestSchema',
  6: 'UpdateMessageInteractionCallbackRequestSchema',
  7: 'UpdateMessageInteractionCallbackRequestSchema',
  8: 'ApplicationCommandAutocompleteCallbackRequestSchema',
  9: 'ModalInteractionCallbackRequestSchema',
};

function fail(record: InteractionRecord, reply: FakeReply, body: unknown): FakeReply {
  const error = reply.body as { code: number; message: string };
  recordResponse(record, {
    kind: 'callback',
    at: Date.now(),
    status: reply.status,
    body,
    error: { code: error.code, message: error.message },
  });
  return reply;
}

function responseMessage(
  ctx: Context,
  record: InteractionRecord,
  data: Obj,
  req: FakeRequest,
  flags: number,
): MessageRecord {
  const user = ctx.world.users.get(record.userId)!.user;
  const p = record.payload as unknown as {
    type: number;
    data?: { name?: string };
    authorizing_integration_owners: Obj;
  };
  const metadata = {
    id: record.id,
    type: p.type,
    user,
    authorizing_integration_owners: p.authorizing_integration_owners,
    ...(p.type === 3 && record.sourceMessageId ? { interacted_message_id: record.sourceMessageId } : {}),
  };
  const legacy = p.type === 2 ? { interaction: { id: record.id, type: 2, name: p.data?.name ?? '', user } } : {};
  return createMessage(ctx.world, ctx.origin, {
    channelId: record.channelId,
    author: ctx.world.botUser,
    body: data,
    files: req.files,
    type: p.type === 2 ? 20 : 0,
    flags,
    interactionId: record.id,
    extra: {
      webhook_id: ctx.world.applicationId,
      application_id: ctx.world.applicationId,
      ...(p.type === 5 ? {} : { interaction_metadata: metadata }),
      ...legacy,
    } as Obj,
  });
}

function apply(
  ctx: Context,
  record: InteractionRecord,
  type: number,
  data: Obj,
  req: FakeRequest,
): MessageRecord | null {
  const flags = typeof data.flags === 'number' ? data.flags : 0;
  record.ack = { type, at: Date.now() };
  if (type === 4 || type === 5) {
    const message = responseMessage(
      ctx,
      record,
      type === 4 ? data : {},
      req,
      type === 4 ? flags : (flags & EPHEMERAL) | LOADING,
    );
    record.originalMessageId = message.api.id;
    record.originalSettled = type === 4;
    return message;
  }
  if (type === 6 || type === 7) {
    const source = record.sourceMessageId ? ctx.world.messages.get(record.sourceMessageId) : undefined;
    record.originalMessageId = source?.api.id ?? null;
    record.originalSettled = type === 7;
    if (type === 7 && source) editMessage(ctx.world, ctx.origin, source, data, req.files);
    return source ?? null;
  }
  if (type === 8) record.choices = Array.isArray(data.choices) ? data.choices : [];
  if (type === 9) record.modal = data;
  record.originalSettled = true;
  return null;
}

function callbackResponse(record: InteractionRecord, type: number, message: MessageRecord | null): FakeReply {
  const flags = message?.api.flags ?? 0;
  const interaction = {
    id: record.id,
    type: record.payload.type,
    ...(message && type !== 6
      ? {
          response_message_id: message.api.id,
          response_message_loading: (flags & LOADING) !== 0,
          response_message_ephemeral: (flags & EPHEMERAL) !== 0,
        }
      : {}),
  };
  const resource = message && (type === 4 || type === 7) ? { resource: { type, message: message.api } } : {};
  return ok({ interaction, ...resource }, 'InteractionCallbackResponseSchema');
}

function check(req: FakeRequest, ctx: Context, record: InteractionRecord, body: Obj): FakeReply | null {
  const type = body.type as number;
  const needsMessage = (type === 6 || type === 7) && record.sourceMessageId === null; // modal opened from a command
  if (!ALLOWED[record.payload.type]?.includes(type) || needsMessage) {
    return invalidFormBody(req, ctx, {
      type: {
        _errors: [
          {
            code: 'INTERACTION_CALLBACK_TYPE_INVALID',
            message: `Callback type ${String(type)} is not valid for interaction type ${record.payload.type}.`,
          },
        ],
      },
    });
  }
  const cleaned = {
    ...body,
    ...('data' in body ? { data: withoutDiscordJsDefaults(body.data, DISCORD_JS_DEFAULTS) } : {}),
  };
  const invalid = validateBody(
    req,
    ctx,
    SCHEMA[type]!,
    cleaned,
    type === 4 || type === 7 ? (cleaned.data ?? {}) : undefined,
  );
  if (invalid) return invalid;
  const choices = type === 8 ? checkChoiceLimits(cleaned.data) : null;
  if (choices) return invalidFormBody(req, ctx, choices);
  if (type === 4 && isEmptyMessage(body.data, req.files.length))
    return discordError(400, 50006, 'Cannot send an empty message');
  return null;
}

export const callbackRoute: RouteDef = {
  method: 'POST',
  template: '/interactions/{interaction_id}/{interaction_token}/callback',
  auth: false,
  major: ['interaction_id'],
  limit: { limit: 5, windowMs: 1000 },
  globalExempt: true,
  handle(req, ctx) {
    const record = ctx.interactions.get(req.params.interaction_id ?? '');
    if (!record || record.token !== req.params.interaction_token)
      return discordError(404, 10062, 'Unknown interaction');
    if (record.ack)
      return fail(record, discordError(400, 40060, 'Interaction has already been acknowledged.'), req.body);
    if (Date.now() - record.dispatchedAt > ctx.interactionDeadlineMs)
      return fail(record, discordError(404, 10062, 'Unknown interaction'), req.body);
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Obj;
    const rejected = check(req, ctx, record, body);
    if (rejected) return fail(record, rejected, body);
    const type = body.type as number;
    const message = apply(ctx, record, type, (body.data ?? {}) as Obj, req);
    recordResponse(record, {
      kind: 'callback',
      at: Date.now(),
      status: req.query.get('with_response') === 'true' ? 200 : 204,
      callbackType: type,
      body,
    });
    return req.query.get('with_response') === 'true' ? callbackResponse(record, type, message) : noContent;
  },
};
