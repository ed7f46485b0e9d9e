import { connect, createServer, type Socket } from 'node:net';

/** A TCP proxy a test can cut: a database outage without stopping the shared server. */
export interface CutProxy {
  /** `databaseUrl` pointed at the proxy instead. */
  readonly url: string;
  /** Drops every open connection and refuses new ones, as a stopped server would. */
  cut(): void;
  /** Forwards new connections again. */
  restore(): void;
  close(): Promise<void>;
}

/**
 * Listens on a free loopback port and forwards each connection to the host and port of
 * `databaseUrl`.
 *
 * @example
 * const proxy = await startCutProxy(TEST_DATABASE_URL);
 * const storage = await openStorage({ databaseUrl: proxy.url, schema });
 * proxy.cut(); ... proxy.restore();
 */
export async function startCutProxy(databaseUrl: string): Promise<CutProxy> {
  const target = new URL(databaseUrl);
  const targetPort = Number(target.port || 5432);
  let up = true;
  const open = new Set<Socket>();
  const server = createServer((client) => {
    if (!up) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, target.hostname);
    const pair = [client, upstream];
    const drop = () => {
      for (const socket of pair) {
        socket.destroy();
        open.delete(socket);
      }
    };
    for (const socket of pair) {
      open.add(socket);
      socket.on('error', drop);
      socket.on('close', drop);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('the proxy has no TCP address');
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(address.port);
  return {
    url: url.toString(),
    cut() {
      up = false;
      for (const socket of open) socket.destroy();
      open.clear();
    },
    restore() {
      up = true;
    },
    close() {
      for (const socket of open) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
