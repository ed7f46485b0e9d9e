import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createServer, ServerStartError } from '@glassbox/server';
import type { GlassboxServer } from '@glassbox/server';
import type { Storage } from '@glassbox/store';
import { findScenario, SCENARIOS } from '@glassbox/simulator';
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
import { awaitDetection } from '../demo/await-detection.js';
import { demoOutcomes } from '../demo/demo-outcome.js';
import { installScenarioMonitors } from '../demo/install-scenario-monitors.js';
import { renderOutcomes } from '../demo/render-outcomes.js';
import { runScenarioThread } from '../demo/scenario-thread.js';

const DEFAULT_SPEED = 600;
const DEFAULT_HEALTHY = 1050;
const DEFAULT_INCIDENT = 200;
/** The demo's detection ticks every second, so alerts appear while the traffic runs. */
const DETECTION_INTERVAL_MS = 1000;

const HELP = `Usage: glassbox demo [options]

Starts the server, a simulated LLM provider and instrumented demo apps (a RAG support bot,
a booking agent, a router), runs healthy traffic, then injects incidents, waits for the
detection job, and prints a table: per scenario, the incident it opened, its first alert,
the detection delay in requests and the diagnosed layer. Each scenario writes its ground
truth (onset, segment, layer, root cause). The default monitors are installed once per
scenario, watching only that scenario's traffic (tag scenario:NAME), since the scenarios
are different apps sharing the default project.

Options:
  --scenario NAME      Run one scenario (default: all of them, one after another)
  --seed N             Seed for traffic, ids and the simulator (default 1): the same seed
                       reproduces the same traffic
  --speed X            Simulated time per wall-clock time: 600 runs ten simulated minutes
                       per second (default 600); "max" runs as fast as possible
  --healthy N          Healthy requests per scenario (default ${DEFAULT_HEALTHY}, more where the
                       scenario's signal needs it): enough for the default monitors to arm
  --incident N         Incident requests per scenario (default ${DEFAULT_INCIDENT})
  --duration TIME      Stop after this long (e.g. 90s, 5m, 1h; plain numbers are seconds);
                       by default the demo keeps serving until Ctrl-C
  --exit               Exit once the table is printed instead of serving the UI (scripts, CI)
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
  healthy: { type: 'string' },
  incident: { type: 'string' },
  duration: { type: 'string' },
  list: { type: 'boolean' },
  exit: { type: 'boolean' },
  host: { type: 'string' },
  port: { type: 'string' },
  ...STORAGE_FLAGS,
  help: { type: 'boolean', short: 'h' },
} as const;

const UI_DIR = fileURLToPath(new URL('../../../ui/dist/', import.meta.url));

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
    const healthyRequests =
      values.healthy === undefined ? undefined : parseCount('--healthy', values.healthy);
    const incidentRequests =
      values.incident === undefined ? DEFAULT_INCIDENT : parseCount('--incident', values.incident);
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
      await installScenarioMonitors(
        storage,
        scenarios.map((s) => s.name),
      );
      const uiDir = existsSync(UI_DIR) ? UI_DIR : undefined;
      const server = await listen(host, port, () =>
        createServer({
          storage,
          host,
          port,
          detection: { intervalMs: DETECTION_INTERVAL_MS },
          ...(uiDir ? { uiDir } : {}),
        }),
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
          healthyRequests,
          incidentRequests,
          dataDir: truthDir,
          signal: stop.signal,
          out: context.stdout,
        });
        await reportDetection(storage, server.url, truths, stop.signal, context.stdout);
        context.stdout.write(whereToLook(server.url, truths, uiDir !== undefined, truthDir));
        if (values.exit) stop.abort();
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
  /** Healthy requests of every scenario; by default enough for its monitors to arm. */
  healthyRequests: number | undefined;
  incidentRequests: number;
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
  // An hour apart, so no scenario's alerts join the previous one's incident (30-minute window).
  const spans = scenarios.map(
    (s) => (s.healthy.minutes + s.incident.minutes + (s.incidentDelayMinutes ?? 0) + 60) * 60_000,
  );
  let startMs = Date.now() - spans.reduce((a, b) => a + b, 0);
  const progress = progressDisplay(options.out);
  const truths: GroundTruth[] = [];
  for (const [i, scenario] of scenarios.entries()) {
    if (options.signal.aborted) break;
    const groundTruth = await runScenarioThread(
      {
        scenario: scenario.name,
        options: {
          endpoint: server.url,
          seed: options.seed,
          speed: options.speed,
          healthyRequests:
            options.healthyRequests ??
            Math.max(DEFAULT_HEALTHY, scenario.healthyRequestsToArm ?? 0),
          incidentRequests: options.incidentRequests,
          startMs,
          dataDir: options.dataDir,
        },
      },
      progress,
      options.signal,
    );
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

/** Waits for the detection job to catch up, then prints what it found per scenario. */
async function reportDetection(
  storage: Storage,
  url: string,
  truths: GroundTruth[],
  signal: AbortSignal,
  out: Output,
): Promise<void> {
  const last = truths.at(-1);
  if (!last || signal.aborted) return;
  out.write('Waiting for the detection job to read the last requests...\n');
  const { id: projectId } = await storage.projects.ensureProject('default');
  const caughtUp = await awaitDetection(storage, {
    projectId,
    lastEventMs: last.incident.toMs,
    intervalMs: DETECTION_INTERVAL_MS,
    timeoutMs: 120_000,
    signal,
  });
  if (signal.aborted) return;
  if (!caughtUp)
    out.write('Detection had not caught up after 2 minutes; the table may be partial.\n');
  out.write(renderOutcomes(await demoOutcomes(storage, projectId, truths), url));
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

function parseCount(flag: string, raw: string): number {
  if (!/^\d{1,7}$/.test(raw.trim()) || Number(raw) < 1) {
    throw new CliError(
      'INVALID_OPTION',
      `invalid ${flag} "${raw}": expected a positive whole number of requests`,
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
