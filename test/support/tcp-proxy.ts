import net from 'node:net';

/**
 * A TCP proxy in front of a real server (Postgres) that a test can cut: while cut, every open
 * connection is reset and new ones are refused, as when a database restarts or a network drops. While
 * stalled, nothing gets through and nothing is refused, as when packets are dropped.
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  const held = new Set<net.Socket>();
  let cut = false;
  let stalled = false;
  const server = net.createServer((client) => {
    if (cut) {
      client.destroy();
      return;
    }
    if (stalled) {
      held.add(client); // accepted, never answered: a database that hangs rather than refuses
      return;
    }
    const upstream = net.connect(target.port, target.host);
    for (const [socket, other] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(socket);
      socket.pipe(other);
      socket.on('error', () => other.destroy());
      socket.on('close', () => {
        sockets.delete(socket);
        other.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    cut: () => {
      cut = true;
      for (const socket of sockets) socket.destroy();
    },
    restore: () => {
      cut = false;
      stalled = false;
      for (const socket of sockets) socket.resume();
      for (const socket of held) socket.destroy();
      held.clear();
    },
    /** Nothing gets through either way until `restore`, and then what was sent meanwhile arrives late. */
    stall: () => {
      stalled = true;
      for (const socket of sockets) socket.pause();
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** `url` with its host and port replaced by the proxy's. */
export function throughProxy(url: string, port: number): string {
  const proxied = new URL(url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(port);
  return proxied.toString();
}
