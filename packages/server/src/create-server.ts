import { buildApp } from './build-app.js';
import type { ServerErrorCode } from './errors/server-error-codes.js';
import type { GlassboxServer, ServerOptions } from './server-options.js';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/i;

/** Why the server refused to start. */
export class ServerStartError extends Error {
  override readonly name = 'ServerStartError';
  constructor(
    readonly code: Extract<ServerErrorCode, 'api_key_required'>,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Starts Glassbox's HTTP server: OTLP/HTTP on /v1/traces and /v1/logs, the query API under
 * /api, the UI at / when `uiDir` is given. Refuses to listen beyond loopback unless API
 * keys exist, since every unauthenticated request would land in the default project.
 *
 * @example
 * const server = await createServer({ storage, host: '127.0.0.1', port: 4318 });
 * console.log(server.url); // http://127.0.0.1:4318
 * await server.close();
 */
export async function createServer(options: ServerOptions): Promise<GlassboxServer> {
  if (!LOOPBACK.test(options.host) && !(await options.storage.projects.hasApiKeys())) {
    throw new ServerStartError(
      'api_key_required',
      `refusing to listen on ${options.host} without API keys: create a key first, or bind to 127.0.0.1`,
    );
  }
  const app = await buildApp(options);
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return { url: `http://${host}:${port}`, app, close: () => app.close() };
}
