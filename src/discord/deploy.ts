import { REST, Routes } from 'discord.js';
import type { Command } from './command.js';
import { commandChanges } from './command-diff.js';

type Target = { appId: string; guildId?: string | undefined; commands: readonly Command[] };

const routeOf = (target: Target) =>
  target.guildId
    ? Routes.applicationGuildCommands(target.appId, target.guildId)
    : Routes.applicationCommands(target.appId);
const scopeOf = (target: Target) => (target.guildId ? `guild ${target.guildId}` : 'global');
const bodyOf = (target: Target) => target.commands.map((command) => command.data.toJSON());

/** Bulk-overwrites the command list: to one guild while developing (instant), else globally. */
export async function deployCommands(options: Target & { token: string; apiBase?: string | undefined }) {
  const rest = new REST(options.apiBase ? { api: options.apiBase } : {}).setToken(options.token);
  const saved = (await rest.put(routeOf(options), { body: bodyOf(options) })) as unknown[];
  return { count: saved.length, scope: scopeOf(options) };
}

export type SyncResult = { registered: boolean; changed: string[]; count: number; scope: string };

/**
 * What the bot does at every start: one GET of the commands Discord has, and a bulk overwrite only
 * when they differ from this version's (a restart with unchanged commands makes no PUT; Discord
 * limits command writes, and a global overwrite takes a while to reach every client).
 */
export async function syncCommands(rest: REST, target: Target): Promise<SyncResult> {
  const route = routeOf(target);
  const local = bodyOf(target);
  // Localizations come back only when asked for; without them a localized command always looks changed.
  const remote = (await rest.get(route, { query: new URLSearchParams({ with_localizations: 'true' }) })) as unknown[];
  const changed = commandChanges(local, remote, { guild: Boolean(target.guildId) });
  if (changed.length > 0) await rest.put(route, { body: local });
  return { registered: changed.length > 0, changed, count: local.length, scope: scopeOf(target) };
}
