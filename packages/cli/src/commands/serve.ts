import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createServer, ServerStartError, type ServerOptions } from '@glassbox/server';
import type { Storage } from '@glassbox/store';
import { CliError } from '../cli-error.js';
import type { CliContext, Command } from '../cli-context.js';
import { startGateway } from '@glassbox/gateway';
import { readGatewayConfig, storageAuthenticator } from './gateway.js';
import {
  DETECTION_FLAGS,
  DETECTION_FLAGS_HELP,
  resolveDetectionFlags,
} from '../detection-flags.js';
import { envValue } from '../env-value.js';
import { isLoopbackHost } from '../is-loopback-host.js';
import { openStorageForCli } from '../open-storage-for-cli.js';
import { parseFlags } from '../parse-flags.js';
import { parsePortFlag } from '../port-flag.js';
import { parseSizeFlag } from '../size-flag.js';
import { PROVIDERS_FLAG_HELP, providersFlag } from '../replay/providers-flag.js';
import { numberFlag } from '../number-flag.js';
import { REPLAY_MAX_TRIALS } from '@glassbox/core/api';
import { resolveStorageFlags, STORAGE_FLAGS, STORAGE_FLAGS_HELP } from '../storage-flags.js';
import { clearForceExit, waitForShutdown } from '../wait-for-shutdown.js';

const HELP = `Usage: glassbox serve [options]

Runs the Glassbox server: the OTLP/HTTP trace receiver (POST /v1/traces), the API and the UI.

Options:
  --host HOST          Address to listen on (env GLASSBOX_HOST, default 127.0.0.1).
                       Anything beyond loopback requires an API key (glassbox keys create).
  --port PORT          Port to listen on, 0 for any free port (env GLASSBOX_PORT,
                       default 4318, the OTLP/HTTP port)
  --gateway            Also run the OpenAI-compatible gateway (see glassbox gateway --help),
                       tracing into this server and sharing its storage
  --gateway-port PORT  The gateway's port (default 4000; 0 picks a free one)
  --gateway-config FILE  The gateway's YAML config
  --max-attribute-bytes SIZE  Largest attribute value stored whole, e.g. 512KiB (env
                       GLASSBOX_MAX_ATTRIBUTE_BYTES, default 1MiB). Larger values are stored
                       cut, marked with their original size, and reported to the exporter
${PROVIDERS_FLAG_HELP}
  --replay-max-trials N  Most trials one replay or bisection request may ask for (default 50)
${STORAGE_FLAGS_HELP}
${DETECTION_FLAGS_HELP}
  -h, --help           Show this help
`;

const FLAGS = {
  host: { type: 'string' },
  port: { type: 'string' },
  gateway: { type: 'boolean' },
  'gateway-port': { type: 'string' },
  'gateway-config': { type: 'string' },
  'max-attribute-bytes': { type: 'string' },
  providers: { type: 'string' },
  'replay-max-trials': { type: 'string' },
  ...STORAGE_FLAGS,
  ...DETECTION_FLAGS,
  help: { type: 'boolean', short: 'h' },
} as const;

/** The UI build, if one was made: packages/ui/dist beside this package. */
const UI_DIR = fileURLToPath(new URL('../../../ui/dist/', import.meta.url));

/**
 * `glassbox serve`: opens storage, listens, and runs until SIGINT/SIGTERM (or the context's
 * abort signal), then drains requests and closes storage.
 *
 * @example
 * await serveCommand.run(['--port', '0'], context);
 */
export const serveCommand: Command = {
  async run(argv, context) {
    const { values } = parseFlags('serve', argv, FLAGS);
    if (values.help) {
      context.stdout.write(HELP);
      return 0;
    }
    const host = values.host ?? envValue(context.env, 'GLASSBOX_HOST') ?? '127.0.0.1';
    const port = parsePortFlag('serve', values.port, context);
    const storageOptions = resolveStorageFlags('serve', values, context);
    const detection = resolveDetectionFlags('serve', values, context);
    const maxAttributeBytes = parseSizeFlag(
      'serve',
      { flag: 'max-attribute-bytes', env: 'GLASSBOX_MAX_ATTRIBUTE_BYTES' },
      values['max-attribute-bytes'],
      context,
    );
    const providers = await providersFlag('serve', values.providers);
    const maxTrials = numberFlag('serve', 'replay-max-trials', values['replay-max-trials'], {
      integer: true,
      min: 1,
      max: REPLAY_MAX_TRIALS,
    });
    const storage = await openStorageForCli(storageOptions);
    try {
      const hasKeys = await storage.projects.hasApiKeys();
      if (!isLoopbackHost(host) && !hasKeys) throw insecureBind(host, storageOptions.description);
      const uiDir = existsSync(UI_DIR) ? UI_DIR : undefined;
      const server = await listen(storage, {
        host,
        port,
        detection,
        replay: {
          env: context.env,
          ...(providers ? { providers } : {}),
          ...(maxTrials !== undefined ? { maxTrials } : {}),
        },
        ...(uiDir ? { uiDir } : {}),
        ...(maxAttributeBytes ? { maxAttributeBytes } : {}),
      });
      context.stdout.write(banner(server.url, storageOptions.description, uiDir, hasKeys));
      const gateway = values.gateway
        ? await startServeGateway(storage, server.url, host, hasKeys, values, context).catch(
            async (error: unknown) => {
              await server.close();
              throw error;
            },
          )
        : null;
      const reason = await waitForShutdown(context.signal);
      context.stdout.write(`Shutting down (${reason}): finishing open requests...\n`);
      try {
        await gateway?.close();
        await server.close();
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

/** `serve --gateway`: the gateway beside the server, tracing into it, over the same storage. */
async function startServeGateway(
  storage: Storage,
  serverUrl: string,
  host: string,
  hasKeys: boolean,
  values: { 'gateway-port'?: string | undefined; 'gateway-config'?: string | undefined },
  context: CliContext,
) {
  const config = await readGatewayConfig(values['gateway-config'], context);
  config.glassboxUrl ??= serverUrl.replace(/\/$/, '').replace('0.0.0.0', '127.0.0.1');
  const port = values['gateway-port'] === undefined ? 4000 : Number(values['gateway-port']);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliError(
      'INVALID_OPTION',
      `invalid --gateway-port "${values['gateway-port']}": expected an integer from 0 to 65535`,
      'serve',
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
    `Gateway listening on ${gateway.url}: export OPENAI_BASE_URL=${gateway.baseURL}\n`,
  );
  return gateway;
}

async function listen(storage: Storage, options: Omit<ServerOptions, 'storage'>) {
  const { host, port } = options;
  try {
    return await createServer({ storage, ...options });
  } catch (error) {
    if (error instanceof ServerStartError) throw new CliError('INSECURE_BIND', error.message);
    const code = (error as { code?: unknown }).code;
    const where = `${host}:${port}`;
    if (code === 'EADDRINUSE') {
      return fail(
        'PORT_IN_USE',
        `port ${port} on ${host} is already in use. Stop the other process or choose another port with --port (0 picks a free one).`,
        error,
      );
    }
    if (code === 'EACCES') {
      return fail(
        'LISTEN_FAILED',
        `permission denied to listen on ${where}: ports below 1024 need privileges; choose a higher --port.`,
        error,
      );
    }
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      return fail(
        'LISTEN_FAILED',
        `cannot listen on ${host}: no such address on this machine. Use 127.0.0.1, 0.0.0.0 or one of this machine's addresses with --host.`,
        error,
      );
    }
    throw error;
  }
}

function fail(code: 'PORT_IN_USE' | 'LISTEN_FAILED', message: string, cause: unknown): never {
  throw new CliError(code, message, undefined, { cause });
}

function insecureBind(host: string, storage: string): CliError {
  return new CliError(
    'INSECURE_BIND',
    `refusing to listen on ${host} without an API key: anyone who can reach this machine could ` +
      `read and write your traces. Create a key first with\n` +
      `  glassbox keys create --project NAME\n` +
      `using the same storage (${storage}), or listen on loopback only with --host 127.0.0.1.`,
  );
}

function banner(url: string, storage: string, uiDir: string | undefined, hasKeys: boolean) {
  const base = url.replace(/\/$/, '');
  const lines = [
    `Glassbox listening on ${base}`,
    `  storage: ${storage}`,
    uiDir ? `  UI:      ${base}/` : `  UI:      not built (run \`npm run build\` to serve it here)`,
    '',
    'Send traces with any OpenTelemetry OTLP/HTTP exporter:',
    `  export OTEL_EXPORTER_OTLP_ENDPOINT=${base}`,
    `  export OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf`,
  ];
  if (hasKeys)
    lines.push('  export OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer <your API key>"');
  return `${lines.join('\n')}\n\nPress Ctrl-C to stop.\n`;
}
