import { init, withContext } from '@glassbox/sdk';
import { loadCorpus } from '../apps/load-corpus.js';
import { startSimulator } from '../start-simulator.js';
import type { RunningSimulator } from '../start-simulator.js';
import { generateTraffic } from '../traffic/generate-traffic.js';
import { seededIdGenerator } from '../traffic/seeded-id-generator.js';
import { VirtualClock } from '../traffic/virtual-clock.js';
import type { GroundTruth, PhaseRecord } from './ground-truth.js';
import { writeGroundTruth } from './ground-truth.js';
import type { Scenario, ScenarioContext } from './scenario.js';
import { scenarioModels } from './scenario-models.js';
import { createSupportApps } from './support-apps.js';
import { dispatchRequest } from './dispatch-request.js';

/** Progress of a running scenario, for the demo's display. */
export interface ScenarioProgress {
  scenario: string;
  phase: 'setup' | 'healthy' | 'incident' | 'done';
  simulatedMs: number;
  requests: number;
  errors: number;
}

export interface RunScenarioOptions {
  /** Glassbox server (OTLP/HTTP base URL) the apps export to. */
  endpoint: string;
  seed?: number;
  /** Requests per phase; defaults 40 and 40. */
  healthyRequests?: number;
  incidentRequests?: number;
  /** Simulated epoch ms of the healthy phase's start; default 2024-06-10T08:00Z. */
  startMs?: number;
  /** Simulated ms per wall ms; Infinity (default) runs as fast as possible. */
  speed?: number;
  /** Write the ground-truth record under this directory. */
  dataDir?: string;
  onProgress?: (progress: ScenarioProgress) => void;
  /**
   * Leave the simulator running in its incident state and return it (the caller closes it):
   * replays and bisections then meet the same provider behaviour as the incident traffic.
   */
  keepSimulator?: boolean;
  /** Stops between requests when aborted; the record covers what ran. */
  signal?: AbortSignal;
}

export interface ScenarioRun {
  groundTruth: GroundTruth;
  /** Where the record was written, if a data directory was given. */
  groundTruthPath?: string;
  /** With `keepSimulator`: the simulator, still in the incident state. */
  simulator?: RunningSimulator;
}

export const DEFAULT_START_MS = Date.UTC(2024, 5, 10, 8, 0, 0);

/**
 * Runs one incident scenario end to end: a simulator, the instrumented apps exporting to
 * Glassbox on a virtual clock with seeded ids, healthy traffic, the onset, incident traffic;
 * then flushes the spans and returns (and optionally writes) the ground truth.
 *
 * @example
 * const { groundTruth } = await runScenario(SCENARIOS[0], { endpoint: server.url, seed: 7 });
 */
export async function runScenario(
  scenario: Scenario,
  options: RunScenarioOptions,
): Promise<ScenarioRun> {
  const seed = options.seed ?? 1;
  const speed = options.speed ?? Infinity;
  if (!(speed > 0)) throw new RangeError(`speed must be positive, got ${speed}`);
  const startMs = options.startMs ?? DEFAULT_START_MS;
  const clock = new VirtualClock(startMs);
  const serviceName = `brightpath-${scenario.name}`;
  const glassbox = init({
    endpoint: options.endpoint,
    serviceName,
    env: {},
    clock: () => clock.now(),
    idGenerator: seededIdGenerator(`${scenario.name}:${seed}`),
    scheduledDelayMillis: 100,
    maxQueueSize: 20_000,
    onError: () => undefined,
  });
  let sim: RunningSimulator | undefined;
  const counters = { requests: 0, errors: 0 };
  const report = (phase: ScenarioProgress['phase']) =>
    options.onProgress?.({ scenario: scenario.name, phase, simulatedMs: clock.now(), ...counters });
  try {
    sim = await startSimulator({ seed, config: { models: scenarioModels() } });
    const apps = createSupportApps(sim.baseURL, sim.url);
    const ctx: ScenarioContext = { sim, apps, clock, corpus: loadCorpus() };
    report('setup');
    await scenario.setup?.(ctx);
    await withContext({ tags: [`scenario:${scenario.name}`] }, () =>
      apps.bot.ingest(ctx.corpus, {
        at: clock.instant(),
        chunking: { kind: 'sentences', maxChars: 400 },
      }),
    );
    let lastAt: number | undefined;
    const runPhase = async (
      phase: 'healthy' | 'incident',
      fromMs: number,
    ): Promise<PhaseRecord> => {
      const spec = scenario[phase];
      const requests = generateTraffic({
        seed,
        phase: `${scenario.name}:${phase}`,
        startMs: fromMs,
        minutes: spec.minutes,
        requests:
          phase === 'healthy' ? (options.healthyRequests ?? 40) : (options.incidentRequests ?? 40),
        mix: spec.mix,
        ...(spec.shift ? { shift: spec.shift } : {}),
      });
      const record: PhaseRecord = { fromMs, toMs: fromMs, requests: 0, errors: 0, traceIds: [] };
      for (const [i, request] of requests.entries()) {
        if (options.signal?.aborted) break;
        await pace(lastAt, request.at, speed, options.signal);
        lastAt = request.at;
        clock.jumpTo(request.at);
        if (phase === 'incident')
          await scenario.during?.(ctx, requests.length > 1 ? i / (requests.length - 1) : 1);
        const outcome = await dispatchRequest(scenario, ctx, request);
        record.requests++;
        counters.requests++;
        if (outcome.traceId) record.traceIds.push(outcome.traceId);
        if (outcome.failed) {
          record.errors++;
          counters.errors++;
        }
        record.toMs = request.at;
        report(phase);
      }
      return record;
    };
    const healthyStart = startMs + 5 * 60_000;
    const healthy = await runPhase('healthy', healthyStart);
    const onsetMs = healthyStart + scenario.healthy.minutes * 60_000;
    clock.jumpTo(onsetMs);
    const changes = await scenario.onset(ctx);
    const incidentStart = onsetMs + (scenario.incidentDelayMinutes ?? 0) * 60_000 + 60_000;
    const incident = await runPhase('incident', incidentStart);
    report('done');
    const groundTruth: GroundTruth = {
      scenario: scenario.name,
      seed,
      completed: !options.signal?.aborted,
      onsetMs,
      onsetIso: new Date(onsetMs).toISOString(),
      affectedSegment: scenario.affectedSegment,
      segmentKeys: { ...scenario.segmentKeys },
      failingLayer: scenario.failingLayer,
      rootCause: scenario.rootCause,
      changes,
      expectedCategories: [...scenario.expectedCategories],
      detectionSignal: scenario.detectionSignal,
      serviceName,
      healthy,
      incident,
    };
    await glassbox.shutdown();
    const run: ScenarioRun = { groundTruth };
    if (options.dataDir) run.groundTruthPath = await writeGroundTruth(options.dataDir, groundTruth);
    if (options.keepSimulator) {
      run.simulator = sim;
      sim = undefined;
    }
    return run;
  } finally {
    await glassbox.shutdown();
    await sim?.close();
  }
}

/** Longest wall-clock pause between two requests, so long simulated gaps do not stall a demo. */
const MAX_PAUSE_MS = 5000;

async function pace(
  lastAt: number | undefined,
  at: number,
  speed: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  if (speed === Infinity || lastAt === undefined) return;
  const wait = Math.min((at - lastAt) / speed, MAX_PAUSE_MS);
  if (wait <= 0) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, Math.min(wait, 2 ** 31 - 1));
    function done() {
      signal?.removeEventListener('abort', done);
      clearTimeout(timer);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
