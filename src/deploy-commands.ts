import { commands } from '../commands/index.js';
import { loadConfig, readEnvironment } from './config.js';
import { deployCommands } from './discord/deploy.js';

// `npm run deploy-commands`: registers the slash commands once (and after they change).
const loaded = loadConfig(readEnvironment());
if (!loaded.ok) {
  console.error(
    `Cannot deploy commands; set these environment variables (see .env.example):\n  ${loaded.problems.join('\n  ')}`,
  );
  process.exit(1);
}
const { config } = loaded;
deployCommands({
  token: config.discordToken,
  appId: config.discordAppId,
  apiBase: config.discordApiBase,
  guildId: config.devGuildId,
  commands,
})
  .then(({ count, scope }) => console.log(`Registered ${count} commands (${scope}).`))
  .catch((error: unknown) => {
    console.error('Registering commands failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  });
