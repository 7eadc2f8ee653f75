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

/** The wait before try `attempt + 1`: doubling from 500 ms, at most 5 s, never past `deadline`. */
export const backoffMs = (attempt: number, deadline: number): number =>
  Math.min(250 * 2 ** attempt, 5_000, deadline - Date.now());

/** One more try is coming (logged at warn): which, where, what the last one failed with, and when. */
export type RetryInfo = { attempt: number; target: string; code: string | undefined; retryInMs: number };

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
