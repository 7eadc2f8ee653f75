import { spawn } from 'node:child_process';

export type EntryProcess = {
  pid: number;
  output: () => string;
  /** Exit code (null when killed by a signal) and how long the process lived. */
  exited: Promise<{ code: number | null; ms: number }>;
  kill: (signal: NodeJS.Signals) => void;
};

/** The real entry point (`node --import tsx src/index.ts`) in a child process, as an operator runs it. */
export function startEntry(
  env: Record<string, string>,
  options: { uid?: number; killAfterMs?: number } = {},
): EntryProcess {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr.on('data', (chunk) => {
    output += String(chunk);
  });
  // A start-up that hangs fails the test instead of the suite: nothing may take a minute, unless the
  // test runs a longer burst through it (killAfterMs).
  const guard = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 60_000);
  const exited = new Promise<{ code: number | null; ms: number }>((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(guard);
      resolve({ code, ms: Date.now() - started });
    }),
  );
  return {
    pid: child.pid ?? 0,
    output: () => output,
    exited,
    kill: (signal) => child.kill(signal),
  };
}

/** Starts the entry point and waits for it to exit. */
export async function runEntry(env: Record<string, string>, options: { uid?: number } = {}) {
  const entry = startEntry(env, options);
  const { code, ms } = await entry.exited;
  return { code, ms, output: entry.output() };
}

/** The lines the operator reads at the default log level: everything that is not a JSON log record. */
export const plainLines = (output: string) =>
  output.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('{'));
