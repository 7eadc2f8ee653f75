import type { REST } from 'discord.js';
import type { Context } from '../context.js';
import type { Command } from './command.js';
import { type SyncResult, syncCommands } from './deploy.js';
import { inviteUrl } from './invite.js';

/**
 * At start: say how to invite the bot, and bring Discord's slash commands up to date (global, or
 * DEV_GUILD_ID), so `npm start` alone gives a working bot. A failure is logged and the bot runs on
 * with whatever commands Discord has: they still reach the router, which answers unknown ones.
 */
export async function registerAtStart(
  ctx: Pick<Context, 'config' | 'log'>,
  rest: REST,
  commands: readonly Command[],
): Promise<SyncResult | undefined> {
  const { config, log } = ctx;
  const invite = inviteUrl(config.discordAppId);
  log.info({ invite }, `invite the bot to a server: ${invite}`);
  try {
    const result = await syncCommands(rest, { appId: config.discordAppId, guildId: config.devGuildId, commands });
    const fields = { scope: result.scope, count: result.count, changed: result.changed };
    log.info(fields, result.registered ? 'slash commands registered' : 'slash commands unchanged');
    return result;
  } catch (error) {
    log.error({ err: error }, 'could not register the slash commands; running with those Discord has');
    return undefined;
  }
}
