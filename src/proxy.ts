import { loadProxyConfig, readEnvironment } from './config.js';
import { startRestProxy } from './discord/proxy.js';
import { createLogger } from './log.js';

// `npm run proxy`: one REST proxy in front of Discord for every bot process (src/discord/proxy.ts).
async function main(): Promise<void> {
  const loaded = loadProxyConfig(readEnvironment());
  if (!loaded.ok) {
    console.error(`the REST proxy cannot start. Fix these environment variables:\n  ${loaded.problems.join('\n  ')}`);
    process.exit(1);
  }
  const { config } = loaded;
  const log = createLogger({ level: config.logLevel, pretty: config.development });
  const proxy = await startRestProxy({
    port: config.port,
    upstream: config.upstream,
    requestsPerSecond: config.requestsPerSecond,
    log,
  }).catch((error: unknown) => {
    console.error(`the REST proxy cannot listen on port ${config.port}: ${(error as Error).message}`);
    process.exit(1);
  });
  log.info(
    { port: config.port, upstream: config.upstream ?? 'https://discord.com/api', perSecond: config.requestsPerSecond },
    'REST proxy ready',
  );
  const stop = () => void proxy.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
