// Discord's documented size limits for bot messages. The OpenAPI spec covers some of them, but not
// the cross-field ones (6000 chars over all embeds, unique custom_ids, 5 rows) nor the 2000-char
// content limit for bots (MessageCreateRequest allows 4000, the Nitro user limit).
import { addError, type DiscordErrorTree } from './spec-errors.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const IS_COMPONENTS_V2 = 1 << 15;

function maxLen(tree: DiscordErrorTree, path: PropertyKey[], value: unknown, max: number): void {
  if (str(value).length > max) addError(tree, path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
}

function embedChars(embed: Obj): number {
  const fields = list(embed.fields).filter(isObj);
  const footer = isObj(embed.footer) ? embed.footer : {};
  const author = isObj(embed.author) ? embed.author : {};
  return [
    embed.title,
    embed.description,
    footer.text,
    author.name,
    ...fields.flatMap((f) => [f.name, f.value]),
  ].reduce<number>((sum, part) => sum + str(part).length, 0);
}

function checkEmbeds(tree: DiscordErrorTree, embeds: unknown[]): void {
  if (embeds.length > 10) addError(tree, ['embeds'], 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
  let total = 0;
  embeds.forEach((embed, i) => {
    if (!isObj(embed)) return;
    total += embedChars(embed);
    maxLen(tree, ['embeds', i, 'title'], embed.title, 256);
    maxLen(tree, ['embeds', i, 'description'], embed.description, 4096);
    if (isObj(embed.footer)) maxLen(tree, ['embeds', i, 'footer', 'text'], embed.footer.text, 2048);
    if (isObj(embed.author)) maxLen(tree, ['embeds', i, 'author', 'name'], embed.author.name, 256);
    const fields = list(embed.fields);
    if (fields.length > 25)
      addError(tree, ['embeds', i, 'fields'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    fields.forEach((field, j) => {
      if (!isObj(field)) return;
      maxLen(tree, ['embeds', i, 'fields', j, 'name'], field.name, 256);
      maxLen(tree, ['embeds', i, 'fields', j, 'value'], field.value, 1024);
    });
  });
  if (total > 6000) addError(tree, ['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
}

function checkRow(tree: DiscordErrorTree, row: Obj, i: number, seen: Set<string>): void {
  const children = list(row.components);
  if (row.type === 1 && children.length > 5) {
    addError(tree, ['components', i, 'components'], 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
  }
  children.forEach((child, j) => {
    if (!isObj(child) || typeof child.custom_id !== 'string') return;
    const path = ['components', i, 'components', j, 'custom_id'];
    maxLen(tree, path, child.custom_id, 100);
    if (seen.has(child.custom_id))
      addError(tree, path, 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
    seen.add(child.custom_id);
  });
}

function checkComponents(tree: DiscordErrorTree, components: unknown[], flags: number): void {
  if ((flags & IS_COMPONENTS_V2) !== 0) return; // v2 layouts have their own (spec-checked) limits
  if (components.length > 5) addError(tree, ['components'], 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
  const seen = new Set<string>();
  components.forEach((row, i) => {
    if (!isObj(row)) return;
    if (row.type !== 1)
      addError(
        tree,
        ['components', i, 'type'],
        'COMPONENT_LAYOUT_INVALID',
        'Top-level components must be action rows unless IS_COMPONENTS_V2 is set.',
      );
    checkRow(tree, row, i, seen);
  });
}

/** Size limits for a message-shaped body; null when within limits. */
export function checkMessageLimits(body: unknown): DiscordErrorTree | null {
  if (!isObj(body)) return null;
  const tree: DiscordErrorTree = {};
  maxLen(tree, ['content'], body.content, 2000);
  checkEmbeds(tree, list(body.embeds));
  checkComponents(tree, list(body.components), typeof body.flags === 'number' ? body.flags : 0);
  return Object.keys(tree).length > 0 ? tree : null;
}

/** Autocomplete answers: the spec lets a string choice's value run to 6000, Discord documents at most 100. */
export function checkChoiceLimits(data: unknown): DiscordErrorTree | null {
  if (!isObj(data)) return null;
  const tree: DiscordErrorTree = {};
  list(data.choices).forEach((choice, i) => {
    if (isObj(choice)) maxLen(tree, ['data', 'choices', i, 'value'], choice.value, 100);
  });
  return Object.keys(tree).length > 0 ? tree : null;
}

/** Discord's 50006: a message needs content, an embed, components, a sticker, a poll or a file. */
export function isEmptyMessage(body: unknown, fileCount: number): boolean {
  if (fileCount > 0) return false;
  if (!isObj(body)) return true;
  return (
    str(body.content).length === 0 &&
    list(body.embeds).length === 0 &&
    list(body.components).length === 0 &&
    list(body.sticker_ids).length === 0 &&
    !isObj(body.poll) &&
    list(body.attachments).length === 0
  );
}

/**
 * Uploads: at most 10 files per message, and each `attachments` entry that describes a new upload (id n, a
 * small number rather than an existing attachment's snowflake) must have its `files[n]` part. Discord does
 * not document the error for a dangling entry; the fake takes the least favourable reading and refuses it.
 */
export function checkUploads(body: unknown, fileFields: readonly string[]): DiscordErrorTree | null {
  const tree: DiscordErrorTree = {};
  if (fileFields.length > 10) addError(tree, ['files'], 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
  const attachments = isObj(body) ? list(body.attachments) : [];
  if (attachments.length > 10)
    addError(tree, ['attachments'], 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
  const uploaded = new Set(fileFields.map((field) => /^files\[(\d+)\]$/.exec(field)?.[1]).filter(Boolean));
  attachments.forEach((entry, i) => {
    const id = isObj(entry) ? String(entry.id ?? '') : '';
    if (/^\d{1,4}$/.test(id) && !uploaded.has(id))
      addError(tree, ['attachments', i, 'id'], 'ATTACHMENT_NOT_FOUND', `No file was uploaded as files[${id}].`);
  });
  return Object.keys(tree).length > 0 ? tree : null;
}
