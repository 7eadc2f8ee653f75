import type { Logger } from './log.js';
import { isStartupError } from './startup-error.js';

/**
 * The one line an operator sees when start-up fails, then exit 1. A StartupError carries its own
 * words; anything else gets its name and first line. The stack goes to the log at debug only.
 */
export function failStartup(log: Logger, error: unknown, prefix = 'career-coach cannot start'): never {
  log.debug({ err: error }, 'start-up failed');
  const message = isStartupError(error)
    ? error.message
    : `unexpected ${error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error)} ` +
      '(LOG_LEVEL=debug shows where)';
  console.error(`${prefix}: ${message}`);
  process.exit(1);
}
