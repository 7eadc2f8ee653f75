// Builds the `data` of a slash-command or autocomplete interaction from a test's call, checked
// against the registered command the way Discord's client would: a user cannot send an option the
// command does not declare, skip a required one, or pick a value outside its choices.
import type { APIApplicationCommand, APIApplicationCommandOption } from 'discord-api-types/v10';
import { findCommand } from './commands.js';
import type { Context } from './context.js';
import { snowflake } from './snowflake.js';

export type OptionValue = string | number | boolean;
export interface CommandCall {
  name: string;
  options?: Record<string, OptionValue>;
  subcommand?: string;
  subcommandGroup?: string;
  /** Command id when the command is not registered (strict: false only). */
  id?: string;
}

export interface BuiltOption {
  name: string;
  type: number;
  value?: OptionValue;
  focused?: boolean;
  options?: BuiltOption[];
}
type Def = APIApplicationCommandOption & {
  choices?: Array<{ value: OptionValue }>;
  min_value?: number;
  max_value?: number;
  min_length?: number;
  max_length?: number;
};

const fail = (message: string): never => {
  throw new Error(`fake-discord: ${message}`);
};

function inferType(value: OptionValue): number {
  if (typeof value === 'boolean') return 5;
  if (typeof value === 'number') return Number.isInteger(value) ? 4 : 10;
  return 3;
}

function checkValue(def: Def, value: OptionValue): void {
  const where = `option "${def.name}"`;
  const t = def.type as number;
  const okType =
    t === 3
      ? typeof value === 'string'
      : t === 4
        ? Number.isInteger(value)
        : t === 10
          ? typeof value === 'number'
          : t === 5
            ? typeof value === 'boolean'
            : typeof value === 'string' && /^\d{17,20}$/.test(value);
  if (!okType) fail(`${where} has type ${t}; ${JSON.stringify(value)} does not fit`);
  if (def.choices && !def.choices.some((c) => c.value === value))
    fail(`${where}: ${JSON.stringify(value)} is not one of its choices`);
  if (typeof value === 'number' && ((def.min_value ?? -Infinity) > value || (def.max_value ?? Infinity) < value))
    fail(`${where}: ${value} is out of range`);
  if (
    typeof value === 'string' &&
    t === 3 &&
    ((def.min_length ?? 0) > value.length || (def.max_length ?? 6000) < value.length)
  )
    fail(`${where}: length out of range`);
}

function leafDefs(command: APIApplicationCommand | undefined, call: CommandCall): Def[] | null {
  if (!command) return null;
  let defs = (command.options ?? []) as Def[];
  const hasSubs = defs.some((d) => d.type === 1 || d.type === 2);
  if (hasSubs && !call.subcommand) fail(`/${call.name} needs a subcommand`);
  for (const [type, name] of [
    [2, call.subcommandGroup],
    [1, call.subcommand],
  ] as const) {
    if (name === undefined) continue;
    const found =
      defs.find((d) => d.type === type && d.name === name) ??
      fail(`/${call.name} has no ${type === 1 ? 'subcommand' : 'group'} "${name}"`);
    defs = ((found as { options?: Def[] }).options ?? []) as Def[];
  }
  return defs;
}

function leafOptions(defs: Def[] | null, call: CommandCall, focused: string | undefined): BuiltOption[] {
  const given = Object.entries(call.options ?? {});
  const built = given.map(([name, value]): BuiltOption => {
    const def = defs?.find((d) => d.name === name);
    if (defs && !def) fail(`/${call.name} has no option "${name}"`);
    if (def && name !== focused) checkValue(def, value);
    const type = def?.type ?? inferType(value);
    return name === focused ? { name, type, value, focused: true } : { name, type, value };
  });
  if (defs && focused === undefined) {
    const missing = defs.filter((d) => 'required' in d && d.required && !(d.name in (call.options ?? {})));
    if (missing.length > 0)
      fail(`/${call.name} is missing required option(s) ${missing.map((d) => d.name).join(', ')}`);
  }
  return built;
}

export interface CommandData {
  id: string;
  name: string;
  type: 1;
  options?: BuiltOption[];
  guild_id?: string;
}

export function buildCommandData(
  ctx: Context,
  call: CommandCall,
  guildId: string | null,
  focused?: string,
): { data: CommandData; command: APIApplicationCommand | undefined } {
  const command = findCommand(ctx, call.name, guildId);
  if (!command && ctx.strict)
    fail(`/${call.name} is not registered (bulk-overwrite it first, or start the fake with strict: false)`);
  let options = leafOptions(leafDefs(command, call), call, focused);
  if (call.subcommand) options = [{ name: call.subcommand, type: 1, options }];
  if (call.subcommandGroup) options = [{ name: call.subcommandGroup, type: 2, options }];
  const data: CommandData = {
    id: command?.id ?? call.id ?? snowflake(),
    name: call.name,
    type: 1,
    ...(options.length > 0 ? { options } : {}),
    ...(command?.guild_id ? { guild_id: command.guild_id } : {}),
  };
  return { data, command };
}

/** Flattened leaf options, for building `resolved` (users, channels, roles). */
export function leafValues(options: BuiltOption[] | undefined): BuiltOption[] {
  return (options ?? []).flatMap((o) => (o.options ? leafValues(o.options) : [o]));
}
