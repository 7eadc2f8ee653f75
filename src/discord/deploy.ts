import { REST, Routes } from 'discord.js';
import type { Command } from './command.js';

/** Bulk-overwrites the command list: to one guild while developing (instant), else globally. */
export async function deployCommands(options: {
  token: string;
  appId: string;
  apiBase?: string | undefined;
  guildId?: string | undefined;
  commands: readonly Command[];
}) {
  const rest = new REST(options.apiBase ? { api: options.apiBase } : {}).setToken(options.token);
  const body = options.commands.map((command) => command.data.toJSON());
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.appId, options.guildId)
    : Routes.applicationCommands(options.appId);
  const saved = (await rest.put(route, { body })) as unknown[];
  return { count: saved.length, scope: options.guildId ? `guild ${options.guildId}` : 'global' };
}
