import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import {
  GatewayConfigError,
  loadGatewayConfig,
  startGateway,
  validateGatewayConfig,
} from '@glassbox/gateway';
import type { Authenticator, GatewayConfig } from '@glassbox/gateway';
import { defaultProvider } from '@glassbox/core/providers';
import type { Storage } from '@glassbox/store';
import { CliError } from '../cli-error.js';
import type { CliContext, Command } from '../cli-context.js';
import { envValue } from '../env-value.js';
import { isLoopbackHost } from '../is-loopback-host.js';
import { openStorageForCli } from '../open-storage-for-cli.js';
import { parseFlags } from '../parse-flags.js';
import { resolveStorageFlags, STORAGE_FLAGS, STORAGE_FLAGS_HELP } from '../storage-flags.js';
import { clearForceExit, waitForShutdown } from '../wait-for-shutdown.js';

const HELP = `Usage: glassbox gateway [options]

Runs the OpenAI-compatible gateway: point an app's OPENAI_BASE_URL at it and every call
goes through the runtime guards (fallbacks, retries by failure class, circuit breakers,
budgets, idempotency keys, context budget, caches) and is traced into Glassbox.

Options:
  --config FILE        Gateway YAML (providers, routes, budgets, guards, cache). Without
                       it: one provider from OPENAI_BASE_URL, key in OPENAI_API_KEY.
  --host HOST          Address to listen on (default 127.0.0.1; beyond loopback needs
                       Glassbox project keys: glassbox keys create)
  --port PORT          Port (env GLASSBOX_GATEWAY_PORT, default 4000; 0 picks a free one)
  --glassbox-url URL   Where traces go (OTLP/HTTP), overriding the config's glassboxUrl
                       (env GLASSBOX_URL; default http://127.0.0.1:4318; "off" sends none)
${STORAGE_FLAGS_HELP}
                       The same storage as \`glassbox serve\`: project keys, and budgets and
                       idempotency keys shared by every gateway replica on it.
  -h, --help           Show this help
`;

const FLAGS = {
  config: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  'glassbox-url': { type: 'string' },
  ...STORAGE_FLAGS,
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * `glassbox gateway --port 4000 --config gateway.yaml`: validates the config (errors name
 * the line), opens storage for keys and shared guard state, and proxies until stopped.
 *
 * @example await gatewayCommand.run(['--config', 'gateway.yaml', '--port', '0'], context);
 */
export const gatewayCommand: Command = {
  async run(argv, context) {
    const { values } = parseFlags('gateway', argv, FLAGS);
    if (values.help) {
      context.stdout.write(HELP);
      return 0;
    }
    const host = values.host ?? '127.0.0.1';
    const port = parsePort(values.port ?? envValue(context.env, 'GLASSBOX_GATEWAY_PORT'));
    const config = await readGatewayConfig(values.config, context);
    const glassboxUrl = values['glassbox-url'] ?? envValue(context.env, 'GLASSBOX_URL');
    if (glassboxUrl === 'off') config.glassboxUrl = null;
    else if (glassboxUrl !== undefined)
      config.glassboxUrl = validateGatewayConfig({ glassboxUrl }, config.providers).glassboxUrl;
    else config.glassboxUrl ??= 'http://127.0.0.1:4318';
    const storageOptions = resolveStorageFlags('gateway', values, context);
    const storage = await openStorageForCli(storageOptions);
    try {
      const hasKeys = await storage.projects.hasApiKeys();
      if (!isLoopbackHost(host) && !hasKeys) {
        throw new CliError(
          'INSECURE_BIND',
          `refusing to listen on ${host} without Glassbox project keys: create one with\n  glassbox keys create --project NAME\nor listen on loopback only with --host 127.0.0.1.`,
        );
      }
      const gateway = await startGateway({
        config,
        env: context.env,
        authenticate: hasKeys ? storageAuthenticator(storage) : null,
        stores: storage.guards,
        host,
        port,
      });
      context.stdout.write(
        `Glassbox gateway listening on ${gateway.url}\n` +
          `  providers: ${config.providers.map((p) => `${p.name} (${p.baseUrl})`).join(', ')}\n` +
          `  traces:    ${config.glassboxUrl ?? 'off'}\n` +
          `  state:     ${storageOptions.description}\n\n` +
          `Point your app at it:\n  export OPENAI_BASE_URL=${gateway.baseURL}\n` +
          (hasKeys ? '  export OPENAI_API_KEY=<your Glassbox project key>\n' : '') +
          `\nMetrics: ${gateway.url}/metrics. Press Ctrl-C to stop.\n`,
      );
      const reason = await waitForShutdown(context.signal);
      context.stdout.write(`Shutting down (${reason})...\n`);
      try {
        await gateway.close();
      } finally {
        clearForceExit();
      }
      context.stdout.write('Stopped.\n');
    } finally {
      await storage.close();
    }
    return 0;
  },
};

/** The gateway config from `--config FILE`, or the default provider; errors name the line. */
export async function readGatewayConfig(
  file: string | undefined,
  context: CliContext,
): Promise<GatewayConfig> {
  try {
    if (file === undefined) return validateGatewayConfig({}, [defaultProvider(context.env)]);
    return await loadGatewayConfig(resolve(context.cwd, file), context.env);
  } catch (error) {
    if (error instanceof GatewayConfigError)
      throw new CliError('INVALID_OPTION', `invalid gateway config: ${error.message}`, 'gateway');
    throw error;
  }
}

/** Glassbox project keys from the store; the key id is a hash prefix, never the key. */
export function storageAuthenticator(storage: Storage): Authenticator {
  return async (key) => {
    const project = await storage.projects.resolveApiKey(key);
    if (!project) return undefined;
    return {
      project: project.name,
      keyId: createHash('sha256').update(key).digest('hex').slice(0, 16),
    };
  };
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined) return 4000;
  const port = /^\d{1,5}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!(port >= 0 && port <= 65535))
    throw new CliError(
      'INVALID_OPTION',
      `invalid --port "${raw}": expected an integer from 0 to 65535`,
      'gateway',
    );
  return port;
}
