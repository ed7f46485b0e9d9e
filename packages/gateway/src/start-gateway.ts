import type { AddressInfo } from 'node:net';
import type { GatewayRuntimeOptions } from './gateway-runtime.js';
import { GatewayRuntime } from './gateway-runtime.js';
import { createGatewayServer } from './http/create-gateway-server.js';
import { preloadEncoding } from './proxy/count-prompt-tokens.js';

export interface StartGatewayOptions extends GatewayRuntimeOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Defaults to loopback. */
  host?: string;
}

export interface RunningGateway {
  /** e.g. http://127.0.0.1:4000 */
  url: string;
  /** `url + '/v1'`: what apps put in OPENAI_BASE_URL. */
  baseURL: string;
  runtime: GatewayRuntime;
  close(): Promise<void>;
}

/**
 * Starts the OpenAI-compatible gateway.
 *
 * @example
 * const gateway = await startGateway({ config, env: process.env, authenticate: null, port: 4000 });
 * // OPENAI_BASE_URL=http://127.0.0.1:4000/v1
 */
export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  const host = options.host ?? '127.0.0.1';
  if (!options.authenticate && !isLoopback(host)) {
    throw new Error(
      `the gateway binds to ${host} beyond loopback only with Glassbox project keys (an authenticator)`,
    );
  }
  const runtime = new GatewayRuntime(options);
  await preloadEncoding('o200k_base');
  const server = createGatewayServer(runtime);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    baseURL: `${url}/v1`,
    runtime,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await runtime.close();
    },
  };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
