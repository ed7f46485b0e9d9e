import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createServer, ServerStartError } from '@glassbox/server';
import type { GlassboxServer } from '@glassbox/server';
import { findScenario, runScenario, SCENARIOS } from '@glassbox/simulator';
import type { GroundTruth, Scenario, ScenarioProgress } from '@glassbox/simulator';
import { CliError } from '../cli-error.js';
import type { Command, Output } from '../cli-context.js';
import { envValue } from '../env-value.js';
import { isLoopbackHost } from '../is-loopback-host.js';
import { openStorageForCli } from '../open-storage-for-cli.js';
import { parseFlags } from '../parse-flags.js';
import { parsePortFlag } from '../port-flag.js';
import { parseDurationFlag } from '../duration-flag.js';
import { resolveStorageFlags, STORAGE_FLAGS, STORAGE_FLAGS_HELP } from '../storage-flags.js';
import { clearForceExit, waitForShutdown } from '../wait-for-shutdown.js';

const HELP = `Usage: glassbox demo [options]

Starts the server, a simulated LLM provider and instrumented demo apps (a RAG support bot,
a booking agent, a router), runs healthy traffic, then injects incidents, and tells you
where to look. Each scenario writes its ground truth (onset, segment, layer, root cause).

Options:
  --scenario NAME      Run one scenario (default: all of them, one after another)
  --seed N             Seed for traffic, ids and the simulator (default 1): the same seed
                       reproduces the same traffic
  --speed X            Simulated time per wall-clock time: 600 runs ten simulated minutes
                       per second (default 600); "max" runs as fast as possible
  --duration TIME      Stop after this long (e.g. 90s, 5m, 1h; plain numbers are seconds);
                       by default the demo keeps serving until Ctrl-C
  --list               List the scenarios and exit
  --host HOST          Address to listen on (env GLASSBOX_HOST, default 127.0.0.1)
  --port PORT          Port to listen on, 0 for any free port (env GLASSBOX_PORT, default 4318)
${STORAGE_FLAGS_HELP}
  -h, --help           Show this help
`;

const FLAGS = {
  scenario: { type: 'string' },
  seed: { type: 'string' },
  speed: { type: 'string' },
  duration: { type: 'string' },
  list: { type: 'boolean' },
  host: { type: 'string' },
  port: { type: 'string' },
  ...STORAGE_FLAGS,
  help: { type: 'boolean', short: 'h' },
} as const;

const UI_DIR = fileURLToPath(new URL('../../../ui/dist/', import.meta.url));
const DEFAULT_SPEED = 600;

/**
 * `glassbox demo`: server + simulator + scenario apps; healthy traffic, then incidents, with
 * a progress display; prints where to look, then serves until Ctrl-C or `--duration`.
 *
 * @example
 * await demoCommand.run(['--scenario', 'duplicate-bookings', '--speed', 'max'], context);
 */
export const demoCommand: Command = {
  async run(argv, context) {
    const { values } = parseFlags('demo', argv, FLAGS);
    if (values.help) {
      context.stdout.write(HELP);
      return 0;
    }
    if (values.list) {
      context.stdout.write(listScenarios());
      return 0;
    }
    const scenarios =
      values.scenario === undefined ? [...SCENARIOS] : [scenarioNamed(values.scenario)];
    const seed = parseSeed(values.seed);
    const speed = parseSpeed(values.speed);
    const durationMs =
      values.duration === undefined
        ? undefined
        : parseDurationFlag('demo', '--duration', values.duration);
    const host = values.host ?? envValue(context.env, 'GLASSBOX_HOST') ?? '127.0.0.1';
    const port = parsePortFlag('demo', values.port, context);
    const storageOptions = resolveStorageFlags('demo', values, context);
    const truthDir =
      storageOptions.dataDir ?? resolveStorageFlags('demo', {}, { ...context, env: {} }).dataDir!;
    const storage = await openStorageForCli(storageOptions);
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    context.signal?.addEventListener('abort', onAbort, { once: true });
    const deadline =
      durationMs === undefined ? undefined : setTimeout(() => stop.abort(), durationMs);
    try {
      if (!isLoopbackHost(host) && !(await storage.projects.hasApiKeys())) {
        throw new CliError(
          'INSECURE_BIND',
          `refusing to listen on ${host} without an API key; run the demo on 127.0.0.1 or create a key with glassbox keys create`,
        );
      }
      const uiDir = existsSync(UI_DIR) ? UI_DIR : undefined;
      const server = await listen(host, port, () =>
        createServer({ storage, host, port, ...(uiDir ? { uiDir } : {}) }),
      );
      // Listening for Ctrl-C from the start lets it stop the traffic between requests too.
      const shutdown = waitForShutdown(stop.signal).then(() => stop.abort());
      try {
        context.stdout.write(
          `Glassbox demo: server on ${server.url} (${storageOptions.description})\n` +
            `Running ${scenarios.length} scenario${scenarios.length > 1 ? 's' : ''} with seed ${seed} at ${speed === Infinity ? 'maximum speed' : `${speed}x`}.\n`,
        );
        const truths = await runAll(scenarios, server, {
          seed,
          speed,
          dataDir: truthDir,
          signal: stop.signal,
          out: context.stdout,
        });
        context.stdout.write(whereToLook(server.url, truths, uiDir !== undefined, truthDir));
        if (!stop.signal.aborted) {
          context.stdout.write(
            durationMs === undefined
              ? 'Press Ctrl-C to stop.\n'
              : 'Serving until the --duration ends (Ctrl-C stops sooner).\n',
          );
        }
        await shutdown;
        clearForceExit();
        context.stdout.write('Stopping the demo...\n');
      } finally {
        stop.abort();
        await shutdown;
        clearForceExit();
        await server.close();
      }
    } finally {
      if (deadline) clearTimeout(deadline);
      context.signal?.removeEventListener('abort', onAbort);
      await storage.close();
    }
    context.stdout.write('Stopped.\n');
    return 0;
  },
};

interface RunAllOptions {
  seed: number;
  speed: number;
  dataDir: string;
  signal: AbortSignal;
  out: Output;
}

/** Runs the scenarios one after another on a timeline that ends about now. */
async function runAll(
  scenarios: Scenario[],
  server: GlassboxServer,
  options: RunAllOptions,
): Promise<GroundTruth[]> {
  const spans = scenarios.map(
    (s) => (s.healthy.minutes + s.incident.minutes + (s.incidentDelayMinutes ?? 0) + 10) * 60_000,
  );
  let startMs = Date.now() - spans.reduce((a, b) => a + b, 0);
  const progress = progressDisplay(options.out);
  const truths: GroundTruth[] = [];
  for (const [i, scenario] of scenarios.entries()) {
    if (options.signal.aborted) break;
    const { groundTruth } = await runScenario(scenario, {
      endpoint: server.url,
      seed: options.seed,
      speed: options.speed,
      startMs,
      dataDir: options.dataDir,
      signal: options.signal,
      onProgress: progress,
    });
    progress.finish();
    truths.push(groundTruth);
    startMs += spans[i]!;
  }
  return truths;
}

function progressDisplay(out: Output) {
  const tty = (out as { isTTY?: boolean }).isTTY === true;
  let lastPlain = 0;
  let lastPhase = '';
  let width = 0;
  const line = (p: ScenarioProgress) =>
    `[${p.scenario}] ${p.phase.padEnd(8)} ${new Date(p.simulatedMs).toISOString().slice(0, 16).replace('T', ' ')} simulated  requests ${p.requests}  errors ${p.errors}`;
  const show = (p: ScenarioProgress) => {
    const text = line(p);
    if (tty) {
      out.write(`\r${text.padEnd(width)}`);
      width = text.length;
      return;
    }
    const now = Date.now();
    if (p.phase !== lastPhase || now - lastPlain >= 2000) {
      out.write(`${text}\n`);
      lastPlain = now;
      lastPhase = p.phase;
    }
  };
  return Object.assign(show, {
    finish: () => {
      if (tty && width > 0) out.write('\n');
      width = 0;
      lastPhase = '';
    },
  });
}

function whereToLook(url: string, truths: GroundTruth[], hasUi: boolean, dir: string): string {
  const lines = [
    '',
    hasUi ? `Open the UI: ${url}/` : `UI not built (npm run build); API at ${url}/api`,
  ];
  for (const t of truths) {
    lines.push(
      `  ${t.scenario}${t.completed ? '' : ' (stopped early)'}: onset ${t.onsetIso}, layer ${t.failingLayer}, segment ${t.affectedSegment}`,
      `    ${url}/traces?tag=${encodeURIComponent(`scenario:${t.scenario}`)}&from=${t.onsetMs}`,
    );
  }
  lines.push(`  failures: ${url}/failures`, `Ground truth records: ${dir}/ground-truth/`, '');
  return lines.join('\n');
}

function listScenarios(): string {
  const width = Math.max(...SCENARIOS.map((s) => s.name.length)) + 2;
  const rows = SCENARIOS.map(
    (s) => `  ${s.name.padEnd(width)}${s.title}\n  ${' '.repeat(width)}${s.description}\n`,
  );
  return `Scenarios (glassbox demo --scenario NAME):\n\n${rows.join('\n')}`;
}

function scenarioNamed(name: string): Scenario {
  try {
    return findScenario(name);
  } catch (error) {
    throw new CliError('INVALID_OPTION', `invalid --scenario: ${(error as Error).message}`, 'demo');
  }
}

function parseSeed(raw: string | undefined): number {
  if (raw === undefined) return 1;
  if (!/^\d{1,9}$/.test(raw.trim())) {
    throw new CliError(
      'INVALID_OPTION',
      `invalid --seed "${raw}": expected a non-negative integer`,
      'demo',
    );
  }
  return Number(raw.trim());
}

function parseSpeed(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_SPEED;
  if (raw.trim() === 'max') return Infinity;
  const speed = Number(raw.trim());
  if (raw.trim() === '' || !Number.isFinite(speed) || speed <= 0) {
    throw new CliError(
      'INVALID_OPTION',
      `invalid --speed "${raw}": expected a positive number or "max"`,
      'demo',
    );
  }
  return speed;
}

async function listen(
  host: string,
  port: number,
  start: () => Promise<GlassboxServer>,
): Promise<GlassboxServer> {
  try {
    return await start();
  } catch (error) {
    if (error instanceof ServerStartError) throw new CliError('INSECURE_BIND', error.message);
    const code = (error as { code?: unknown }).code;
    if (code === 'EADDRINUSE') {
      throw new CliError(
        'PORT_IN_USE',
        `port ${port} on ${host} is already in use (is glassbox serve running?). Choose another with --port (0 picks a free one).`,
        undefined,
        { cause: error },
      );
    }
    throw new CliError(
      'LISTEN_FAILED',
      `cannot listen on ${host}:${port}: ${(error as Error).message}`,
      undefined,
      {
        cause: error,
      },
    );
  }
}
