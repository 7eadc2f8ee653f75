/**
 * A start-up failure the operator can act on: `message` is one line that says what is wrong and
 * how to fix it, never a secret. The entry point prints it and exits 1; the cause stays for debug.
 */
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
  }
}

export function isStartupError(error: unknown): error is StartupError {
  return error instanceof StartupError;
}

/** The error's code (`ECONNREFUSED`, `3D000`, …) when it, or an error it wraps, has one. */
export function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' || typeof code === 'number') return String(code);
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
