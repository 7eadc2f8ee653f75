// Application command registration (bulk overwrite), with the checks Discord applies beyond the
// OpenAPI schema: lowercase names, unique names per type, required options first, descriptions.
import type { APIApplicationCommand } from 'discord-api-types/v10';
import type { Context } from './context.js';
import { snowflake } from './snowflake.js';
import { addError, type DiscordErrorTree, type ErrorPath } from './spec-errors.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const CHAT_INPUT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const SUBCOMMAND_TYPES = new Set([1, 2]);

function checkOptions(tree: DiscordErrorTree, options: unknown, path: ErrorPath): void {
  if (!Array.isArray(options)) return;
  let sawOptional = false;
  const names = new Set<string>();
  options.forEach((option, i) => {
    if (!isObj(option)) return;
    const name = String(option.name ?? '');
    if (!CHAT_INPUT_NAME.test(name) || name !== name.toLowerCase()) {
      addError(tree, [...path, i, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    }
    if (names.has(name))
      addError(
        tree,
        [...path, i, 'name'],
        'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
        'Option names must be unique',
      );
    names.add(name);
    if (!SUBCOMMAND_TYPES.has(option.type as number)) {
      if (option.required === true && sawOptional) {
        addError(
          tree,
          [...path, i, 'required'],
          'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
          'Required options must be placed before non-required options',
        );
      }
      if (option.required !== true) sawOptional = true;
    }
    checkOptions(tree, option.options, [...path, i, 'options']);
  });
}

/** Discord-side rules for a bulk overwrite body that the OpenAPI schema cannot express. */
export function checkCommandRules(body: unknown[]): DiscordErrorTree | null {
  const tree: DiscordErrorTree = {};
  const seen = new Set<string>();
  body.forEach((command, i) => {
    if (!isObj(command)) return;
    const type = typeof command.type === 'number' ? command.type : 1;
    const name = String(command.name ?? '');
    if (seen.has(`${type}:${name}`))
      addError(tree, [i, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', `Application command names must be unique`);
    seen.add(`${type}:${name}`);
    if (type !== 1) return;
    if (!CHAT_INPUT_NAME.test(name) || name !== name.toLowerCase())
      addError(tree, [i, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    if (typeof command.description !== 'string' || command.description.length === 0) {
      addError(tree, [i, 'description'], 'BASE_TYPE_REQUIRED', 'This field is required');
    }
    checkOptions(tree, command.options, [i, 'options']);
  });
  return Object.keys(tree).length > 0 ? tree : null;
}

function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (!isObj(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => [k, dropNulls(v)]),
  );
}

/** Stores a bulk overwrite; a command keeps its id when its name and type survive, like Discord. */
export function overwriteCommands(ctx: Context, guildId: string | null, body: Obj[]): APIApplicationCommand[] {
  const { world } = ctx;
  const previous = guildId ? (world.commands.byGuild.get(guildId) ?? []) : world.commands.global;
  const commands = body.map((raw) => {
    const type = typeof raw.type === 'number' ? raw.type : 1;
    const kept = previous.find((c) => c.name === raw.name && c.type === type);
    const perms = raw.default_member_permissions;
    const command = {
      id: kept?.id ?? snowflake(),
      application_id: world.applicationId,
      version: snowflake(),
      type,
      name: String(raw.name),
      description: typeof raw.description === 'string' ? raw.description : '',
      default_member_permissions: perms === null || perms === undefined ? null : String(perms),
      nsfw: raw.nsfw === true,
      integration_types: Array.isArray(raw.integration_types) ? raw.integration_types : [0],
      contexts: Array.isArray(raw.contexts) ? raw.contexts : null,
      ...(isObj(raw.name_localizations) ? { name_localizations: raw.name_localizations } : {}),
      ...(isObj(raw.description_localizations) ? { description_localizations: raw.description_localizations } : {}),
      ...(guildId ? { guild_id: guildId } : { dm_permission: raw.dm_permission !== false }),
      ...(Array.isArray(raw.options) ? { options: dropNulls(raw.options) } : {}),
    };
    return command as APIApplicationCommand;
  });
  if (guildId) world.commands.byGuild.set(guildId, commands);
  else world.commands.global = commands;
  return commands;
}

export function findCommand(ctx: Context, name: string, guildId: string | null): APIApplicationCommand | undefined {
  const guildCommands = guildId ? (ctx.world.commands.byGuild.get(guildId) ?? []) : [];
  const isChatInput = (c: APIApplicationCommand): boolean => c.name === name && c.type === 1;
  return guildCommands.find(isChatInput) ?? ctx.world.commands.global.find(isChatInput);
}
