import { type Client, Events } from 'discord.js';
import { commands } from '../commands/index.js';
import type { Context } from './context.js';
import { createDiscordClient } from './discord/client.js';
import { handleForgetComponents } from './discord/forget.js';
import { handleHistoryComponents } from './discord/history-buttons.js';
import { loginWithRetry } from './discord/login.js';
import { handleNudgeComponents } from './discord/nudge-buttons.js';
import { handleReflectComponents } from './discord/reflect.js';
import { handleReviewButtons } from './discord/review-buttons.js';
import { createInteractionRouter } from './discord/router.js';
import { handleSkipChoices } from './discord/skip-choices.js';

export type Bot = { client: Client; stop: () => Promise<void> };

/** Logs the bot in and routes interactions; resolves once the gateway session is ready (StartupError if not). */
export async function startBot(ctx: Context): Promise<Bot> {
  const client = createDiscordClient(ctx.config);
  ctx.metrics?.observeRest(client.rest, 'interactions');
  const route = createInteractionRouter(ctx, commands, [
    handleNudgeComponents,
    handleReflectComponents,
    handleReviewButtons,
    handleSkipChoices,
    handleHistoryComponents,
    handleForgetComponents,
  ]);
  const inFlight = new Set<Promise<void>>();
  client.on(Events.InteractionCreate, (interaction) => {
    const work = route(interaction).catch((error: unknown) =>
      ctx.log.error({ err: error }, 'interaction handler crashed'),
    );
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  });
  client.on(Events.Error, (error) => ctx.log.error({ err: error }, 'discord client error'));
  await loginWithRetry(client, ctx.config.discordToken, {
    timeoutMs: ctx.config.discordConnectTimeoutSeconds * 1000,
    apiBase: ctx.config.discordApiBase,
    onRetry: (info) => ctx.log.warn(info, 'Discord not reachable yet; retrying'),
  });
  ctx.log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'logged in to Discord');
  return {
    client,
    stop: async () => {
      await Promise.allSettled(inFlight); // let answers in progress finish before closing
      await client.destroy();
    },
  };
}
