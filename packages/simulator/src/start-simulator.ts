import type { AddressInfo } from 'node:net';
import type { SimulatorConfig, SimulatorConfigPatch } from './config/simulator-config.js';
import { defaultConfig } from './config/simulator-config.js';
import { applyConfigPatch, validateConfigPatch } from './config/validate-config.js';
import { createSimulatorServer } from './server/create-simulator-server.js';
import { SimulatorState } from './server/simulator-state.js';
import type { SimulatorStats } from './server/simulator-stats.js';

export interface StartSimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Defaults to loopback. */
  host?: string;
  seed?: number;
  config?: SimulatorConfigPatch;
}

export interface RunningSimulator {
  /** e.g. http://127.0.0.1:53124 */
  url: string;
  /** `url + '/v1'`, for an OpenAI client's `baseURL`. */
  baseURL: string;
  /** Validates and merges a config update (throws ConfigError naming the bad field). */
  setConfig(patch: SimulatorConfigPatch): SimulatorConfig;
  /** Back to the start config; counters, rate-limit windows and caches cleared. */
  resetConfig(): void;
  config(): SimulatorConfig;
  stats(): SimulatorStats;
  close(): Promise<void>;
}

/**
 * Starts the simulated OpenAI-compatible provider.
 *
 * @example
 * const sim = await startSimulator({ seed: 7, config: { behavior: { refusalRate: 0.1 } } });
 * const client = new OpenAI({ baseURL: sim.baseURL, apiKey: 'sim' });
 * await sim.close();
 */
export async function startSimulator(
  options: StartSimulatorOptions = {},
): Promise<RunningSimulator> {
  const base = defaultConfig(options.seed ?? 0);
  const initial = options.config
    ? applyConfigPatch(base, validateConfigPatch(options.config))
    : base;
  if (options.seed !== undefined) initial.seed = options.seed;
  const state = new SimulatorState(initial);
  const server = createSimulatorServer(state);
  const host = options.host ?? '127.0.0.1';
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
    setConfig: (patch) => state.update(patch),
    resetConfig: () => state.reset(),
    config: () => structuredClone(state.config),
    stats: () => structuredClone(state.stats),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
