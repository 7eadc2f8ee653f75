import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A free TCP port on 127.0.0.1 (taken and released at once). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

/** `npm run proxy` (`node --import tsx src/proxy.ts`) in a process of its own, forwarding to `upstream`. */
export async function startProxyProcess(upstream: string) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/proxy.ts'], {
    env: { PATH: process.env.PATH ?? '', PROXY_PORT: String(port), DISCORD_API_BASE: upstream, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += String(chunk);
      if (output.includes('REST proxy ready')) resolve();
    });
    void exited.then((code) => reject(new Error(`the proxy exited (${code}): ${output}`)));
  });
  return {
    apiBase: `http://127.0.0.1:${port}/api`,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
