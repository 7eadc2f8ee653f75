// Whether the commands Discord has are the ones this version defines. Discord answers a GET with more
// than was sent (id, version, application_id, guild_id, dm_permission, nsfw: false, integration_types,
// options without `required: false`…), so both sides are reduced to the fields we send, with Discord's
// defaults filled in, before they are compared. A false "changed" costs one PUT; a false "unchanged"
// would leave members with stale commands, so anything unknown counts as a change.

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const orNull = (value: unknown) => (value === undefined ? null : value);

// Discord's defaults for a command that does not set them.
const defaultContexts = [0, 1, 2]; // guild, bot DM, private channel
const defaultIntegrationTypes = [0]; // installed to a guild

/** A localization map: absent, null and {} mean the same; keys in a fixed order. */
function localizations(value: unknown): Json | null {
  if (!isObject(value) || Object.keys(value).length === 0) return null;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
}

const sortedNumbers = (value: unknown, fallback: number[]): number[] =>
  Array.isArray(value) ? value.map(Number).sort((a, b) => a - b) : fallback;

function normaliseChoice(choice: unknown): Json {
  const c = isObject(choice) ? choice : {};
  return { name: c.name, value: c.value, name_localizations: localizations(c.name_localizations) };
}

function normaliseOption(option: unknown): Json {
  const o = isObject(option) ? option : {};
  return {
    type: o.type,
    name: o.name,
    description: o.description ?? '',
    name_localizations: localizations(o.name_localizations),
    description_localizations: localizations(o.description_localizations),
    required: o.required === true,
    autocomplete: o.autocomplete === true,
    choices: list(o.choices).map(normaliseChoice),
    channel_types: sortedNumbers(o.channel_types, []),
    min_value: orNull(o.min_value),
    max_value: orNull(o.max_value),
    min_length: orNull(o.min_length),
    max_length: orNull(o.max_length),
    options: list(o.options).map(normaliseOption), // option order is what members see: kept
  };
}

export type CompareOptions = {
  /** Guild commands: `contexts`, `integration_types` and `dm_permission` apply to global commands only. */
  guild?: boolean;
  /** `dm_permission` is deprecated (replaced by `contexts`) and Discord derives it: compared only when we set it. */
  dmPermission?: boolean;
};

/** One command in a canonical form: the fields we send, Discord's defaults filled in. */
export function normaliseCommand(command: unknown, options: CompareOptions = {}): Json {
  const c = isObject(command) ? command : {};
  const perms = c.default_member_permissions;
  const globalOnly = {
    contexts: sortedNumbers(c.contexts, defaultContexts),
    integration_types: sortedNumbers(c.integration_types, defaultIntegrationTypes),
    ...(options.dmPermission ? { dm_permission: c.dm_permission !== false } : {}),
  };
  return {
    type: c.type ?? 1,
    name: c.name,
    description: c.description ?? '',
    name_localizations: localizations(c.name_localizations),
    description_localizations: localizations(c.description_localizations),
    default_member_permissions: perms === null || perms === undefined ? null : String(perms),
    nsfw: c.nsfw === true,
    ...(options.guild ? {} : globalOnly),
    options: list(c.options).map(normaliseOption),
  };
}

const keyOf = (command: Json) => `${String(command.type)}:${String(command.name)}`;

/** The names of the commands that differ (added, removed or changed); empty when Discord is up to date. */
export function commandChanges(
  local: readonly unknown[],
  remote: readonly unknown[],
  scope: { guild: boolean } = { guild: false },
): string[] {
  const options = { guild: scope.guild, dmPermission: local.some((c) => isObject(c) && 'dm_permission' in c) };
  const mine = new Map(local.map((c) => normaliseCommand(c, options)).map((c) => [keyOf(c), c]));
  const theirs = new Map(remote.map((c) => normaliseCommand(c, options)).map((c) => [keyOf(c), c]));
  const changed: string[] = [];
  for (const [key, command] of mine) {
    const other = theirs.get(key);
    if (!other || JSON.stringify(other) !== JSON.stringify(command)) changed.push(String(command.name));
  }
  for (const [key, command] of theirs) if (!mine.has(key)) changed.push(String(command.name));
  return changed;
}
