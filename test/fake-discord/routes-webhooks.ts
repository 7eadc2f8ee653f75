// Interaction webhooks: /webhooks/{application_id}/{token}[...]. Valid only after the interaction
// was acknowledged and for 15 minutes after that; '@original' is the reply, the deferred
// placeholder, or (for components) the message the component sits on.
import type { Context } from './context.js';
import { type InteractionRecord, type ResponseEntry, recordResponse } from './interaction-record.js';
import { isEmptyMessage } from './limits.js';
import { createMessage, editMessage } from './messages.js';
import {
  discordError,
  type FakeReply,
  type FakeRequest,
  noContent,
  ok,
  type RouteDef,
  validateBody,
  withoutDiscordJsDefaults,
} from './router.js';
import type { MessageRecord } from './state.js';

type Obj = Record<string, unknown>;
const LOADING = 1 << 7;
const DISCORD_JS_DEFAULTS = ['tts', 'enforce_nonce'];
const major = ['application_id', 'webhook_token'];
const limit = { limit: 5, windowMs: 2000 };

function lookup(req: FakeRequest, ctx: Context): InteractionRecord | FakeReply {
  const record = ctx.interactionsByToken.get(req.params.webhook_token ?? '');
  if (!record || req.params.application_id !== ctx.world.applicationId || !record.ack)
    return discordError(404, 10015, 'Unknown Webhook');
  if (Date.now() - record.ack.at > ctx.interactionTokenTtlMs) return discordError(401, 50027, 'Invalid Webhook Token');
  return record;
}

function target(ctx: Context, record: InteractionRecord, id: string | undefined): MessageRecord | FakeReply {
  const messageId = id === undefined || id === '@original' ? record.originalMessageId : id;
  const mine = messageId !== null && (messageId === record.originalMessageId || record.followUpIds.includes(messageId));
  const message = mine ? ctx.world.messages.get(messageId) : undefined;
  return message ?? discordError(404, 10008, 'Unknown Message');
}

function log(record: InteractionRecord, kind: ResponseEntry['kind'], req: FakeRequest, reply: FakeReply): void {
  const error = reply.status >= 400 ? (reply.body as { code: number; message: string }) : undefined;
  recordResponse(record, {
    kind,
    at: Date.now(),
    status: reply.status,
    body: req.body,
    ...(error ? { error: { code: error.code, message: error.message } } : {}),
  });
}

/** Runs a webhook operation and logs it on the interaction, errors (expired token...) included. */
function logged(
  kind: ResponseEntry['kind'],
  op: (req: FakeRequest, ctx: Context, record: InteractionRecord) => FakeReply,
): RouteDef['handle'] {
  return (req, ctx) => {
    const found = lookup(req, ctx);
    const known = ctx.interactionsByToken.get(req.params.webhook_token ?? '');
    const reply = 'id' in found ? op(req, ctx, found) : found;
    if (known) log(known, kind, req, reply);
    return reply;
  };
}

function edit(req: FakeRequest, ctx: Context, record: InteractionRecord, messageId: string | undefined): FakeReply {
  const message = target(ctx, record, messageId);
  if (!('api' in message)) return message;
  const body = withoutDiscordJsDefaults(req.body ?? {}, DISCORD_JS_DEFAULTS) as Obj;
  const invalid = validateBody(req, ctx, 'IncomingWebhookUpdateRequestPartialSchema', body, body);
  if (invalid) return invalid;
  // Only SUPPRESS_EMBEDS may change on edit; a deferred message stops "thinking" when edited.
  const flags = (message.api.flags ?? 0) & ~LOADING;
  editMessage(ctx.world, ctx.origin, message, body, req.files, flags);
  if (message.api.id === record.originalMessageId) record.originalSettled = true;
  return ok(message.api, 'MessageResponseSchema');
}

function followUp(req: FakeRequest, ctx: Context, record: InteractionRecord): FakeReply {
  const body = withoutDiscordJsDefaults(req.body ?? {}, DISCORD_JS_DEFAULTS) as Obj;
  const invalid = validateBody(req, ctx, 'IncomingWebhookRequestPartialSchema', body, body);
  if (invalid) return invalid;
  if (isEmptyMessage(body, req.files.length)) return discordError(400, 50006, 'Cannot send an empty message');
  // Discord: after a deferred reply, the first follow-up edits the "thinking" message instead.
  if (record.ack?.type === 5 && !record.originalSettled) return edit(req, ctx, record, '@original');
  const message = createMessage(ctx.world, ctx.origin, {
    channelId: record.channelId,
    author: ctx.world.botUser,
    body,
    files: req.files,
    interactionId: record.id,
    flags: (typeof body.flags === 'number' ? body.flags : 0) & ~LOADING,
    extra: { webhook_id: ctx.world.applicationId, application_id: ctx.world.applicationId },
  });
  record.followUpIds.push(message.api.id);
  return req.query.get('wait') === 'false' ? noContent : ok(message.api, 'MessageResponseSchema');
}

function remove(ctx: Context, record: InteractionRecord, messageId: string | undefined): FakeReply {
  const message = target(ctx, record, messageId);
  if (!('api' in message)) return message;
  ctx.world.messages.delete(message.api.id);
  if (message.api.id === record.originalMessageId) record.originalSettled = true;
  return noContent;
}

const base = '/webhooks/{application_id}/{webhook_token}';
const common = { auth: false, major, limit, globalExempt: true } as const;

export const webhookRoutes: RouteDef[] = [
  { ...common, method: 'POST', template: base, handle: logged('followup', followUp) },
  {
    ...common,
    method: 'GET',
    template: `${base}/messages/@original`,
    handle: logged('get-original', (_r, ctx, rec) => {
      const m = target(ctx, rec, '@original');
      return 'api' in m ? ok(m.api, 'MessageResponseSchema') : m;
    }),
  },
  {
    ...common,
    method: 'PATCH',
    template: `${base}/messages/@original`,
    handle: logged('edit-original', (req, ctx, rec) => edit(req, ctx, rec, '@original')),
  },
  {
    ...common,
    method: 'DELETE',
    template: `${base}/messages/@original`,
    handle: logged('delete-original', (_r, ctx, rec) => remove(ctx, rec, '@original')),
  },
  {
    ...common,
    method: 'GET',
    template: `${base}/messages/{message_id}`,
    handle: logged('get-message', (req, ctx, rec) => {
      const m = target(ctx, rec, req.params.message_id);
      return 'api' in m ? ok(m.api, 'MessageResponseSchema') : m;
    }),
  },
  {
    ...common,
    method: 'PATCH',
    template: `${base}/messages/{message_id}`,
    handle: logged('edit-message', (req, ctx, rec) => edit(req, ctx, rec, req.params.message_id)),
  },
  {
    ...common,
    method: 'DELETE',
    template: `${base}/messages/{message_id}`,
    handle: logged('delete-message', (req, ctx, rec) => remove(ctx, rec, req.params.message_id)),
  },
];
