// Turning validated request bodies into stored message objects, the way Discord echoes them back:
// nulls dropped, embeds typed 'rich', every component given a numeric id, uploads as attachments.
import type { APIAttachment, APIEmbed, APIMessage, APIUser, MessageFlags, MessageType } from 'discord-api-types/v10';
import type { UploadedFile } from './router.js';
import { isoTimestamp, snowflake } from './snowflake.js';
import type { MessageRecord, StoredFile, World } from './state.js';
import { storeMessage } from './state.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (!isObj(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => [k, dropNulls(v)]),
  );
}

function normalizeEmbed(raw: unknown): APIEmbed {
  const embed = dropNulls(raw) as Obj;
  const fields = Array.isArray(embed.fields) ? embed.fields.map((f: Obj) => ({ inline: false, ...f })) : undefined;
  return { ...embed, type: 'rich', ...(fields ? { fields } : {}) } as APIEmbed;
}

const SELECT_TYPES = new Set([3, 5, 6, 7, 8]);

// Discord numbers components depth-first starting at 1 when the bot does not.
function numberComponents(list: unknown, counter: { next: number }): unknown[] {
  if (!Array.isArray(list)) return [];
  return list.map((raw) => {
    const c = dropNulls(raw) as Obj;
    const out: Obj = { ...c, id: typeof c.id === 'number' ? c.id : counter.next++ };
    if (SELECT_TYPES.has(c.type as number))
      Object.assign(out, { min_values: c.min_values ?? 1, max_values: c.max_values ?? 1 });
    if (Array.isArray(c.components)) out.components = numberComponents(c.components, counter);
    if (isObj(c.accessory)) out.accessory = numberComponents([c.accessory], counter)[0];
    if (isObj(c.component)) out.component = numberComponents([c.component], counter)[0];
    return out;
  });
}

export function normalizeComponents(list: unknown): APIMessage['components'] {
  return numberComponents(list, { next: 1 }) as APIMessage['components'];
}

export function storeFiles(
  ctx: { origin: string },
  channelId: string,
  files: UploadedFile[],
  body: Obj,
): { stored: StoredFile[]; attachments: APIAttachment[] } {
  const described = new Map(
    (Array.isArray(body.attachments) ? body.attachments : []).filter(isObj).map((a) => [String(a.id), a]),
  );
  const stored: StoredFile[] = [];
  const attachments = files.map((file, index) => {
    const slot = /^files\[(\w+)\]$/.exec(file.field)?.[1] ?? String(index);
    const meta = described.get(slot) ?? {};
    const id = snowflake();
    const filename = typeof meta.filename === 'string' ? meta.filename : file.filename;
    stored.push({ id, filename, size: file.data.length, contentType: file.contentType, data: file.data });
    const url = `${ctx.origin}/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`;
    return {
      id,
      filename,
      size: file.data.length,
      url,
      proxy_url: url,
      ...(file.contentType ? { content_type: file.contentType } : {}),
      ...(typeof meta.description === 'string' ? { description: meta.description } : {}),
      ...(typeof meta.title === 'string' ? { title: meta.title } : {}),
    } satisfies APIAttachment;
  });
  return { stored, attachments };
}

export interface NewMessage {
  channelId: string;
  author: APIUser;
  body: Obj;
  files: UploadedFile[];
  type?: MessageType;
  flags?: number;
  extra?: Partial<APIMessage>;
  interactionId?: string;
}

export function createMessage(world: World, origin: string, input: NewMessage): MessageRecord {
  const { stored, attachments } = storeFiles({ origin }, input.channelId, input.files, input.body);
  const body = input.body;
  const api: APIMessage = {
    id: snowflake(),
    channel_id: input.channelId,
    author: input.author,
    type: (input.type ?? 0) as MessageType,
    content: typeof body.content === 'string' ? body.content : '',
    timestamp: isoTimestamp(),
    edited_timestamp: null,
    tts: body.tts === true,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments,
    embeds: Array.isArray(body.embeds) ? body.embeds.map(normalizeEmbed) : [],
    components: normalizeComponents(body.components),
    pinned: false,
    flags: (input.flags ?? (typeof body.flags === 'number' ? body.flags : 0)) as MessageFlags,
    ...(typeof body.nonce === 'string' || typeof body.nonce === 'number' ? { nonce: body.nonce } : {}),
    ...input.extra,
  };
  const record: MessageRecord = { api, files: stored, interactionId: input.interactionId ?? null };
  storeMessage(world, record);
  return record;
}

/** PATCH semantics: only keys present in the body change; `attachments` lists what to keep. */
export function editMessage(
  world: World,
  origin: string,
  record: MessageRecord,
  body: Obj,
  files: UploadedFile[],
  flags?: number,
): void {
  const api = record.api;
  if ('content' in body) api.content = typeof body.content === 'string' ? body.content : '';
  if ('embeds' in body) api.embeds = Array.isArray(body.embeds) ? body.embeds.map(normalizeEmbed) : [];
  if ('components' in body) api.components = normalizeComponents(body.components);
  const { stored, attachments } = storeFiles({ origin }, api.channel_id, files, body);
  if (Array.isArray(body.attachments)) {
    const keep = new Set(body.attachments.filter(isObj).map((a) => String(a.id)));
    api.attachments = api.attachments.filter((a) => keep.has(a.id));
    record.files = record.files.filter((f) => keep.has(f.id));
  }
  api.attachments = [...api.attachments, ...attachments];
  record.files = [...record.files, ...stored];
  if (flags !== undefined) api.flags = flags as MessageFlags;
  api.edited_timestamp = isoTimestamp();
  storeMessage(world, record);
}
