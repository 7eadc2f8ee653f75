import { REST } from 'discord.js';
import type { Config } from '../config.js';
import { createRestSender, type Sender } from './sender.js';

type RestConfig = Pick<Config, 'discordToken' | 'discordApiBase' | 'requestsPerSecond'>;

/**
 * Deliveries (DMs and weekly summaries) get a REST client of their own, paced to this process's
 * share of Discord's global limit. Interaction answers go through the gateway client's REST, so they
 * never queue behind a burst of nudges: Discord exempts interaction callbacks and webhooks from the
 * global limit, but one @discordjs/rest instance paces every request it makes.
 */
export function createDeliverySender(config: RestConfig): Sender {
  const rest = new REST({
    globalRequestsPerSecond: config.requestsPerSecond,
    ...(config.discordApiBase ? { api: config.discordApiBase } : {}),
  });
  return createRestSender(rest.setToken(config.discordToken));
}
