// Replay judging off the event loop (measured, not asserted). A bisection classifies every
// replayed answer (about 120 trace classifications at 20 trials); the server judges them on a
// worker pool so the thread that acknowledges ingest stays responsive. This runs the
// sampling-change incident through the simulator into Glassbox, then bisects the same failing
// trace --rounds times with judging on the main thread (the reference) and on worker threads,
// sampling the main thread's event-loop delay during each bisection.
// Usage: npm run bench:replay-judging [-- --trials 20 --rounds 3]
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import {
  bisectTrace,
  createReplayProviders,
  createServer,
  inProcessJudging,
  startJudgingThreads,
} from '@glassbox/server';
import { findScenario, runScenario } from '@glassbox/simulator';
import { createMemoryStorage } from '@glassbox/store';
import { benchOptions } from './lib/bench-options.js';
import { describeLoad, describeMachine, SHARED_MACHINE_CAVEAT } from './lib/machine.js';
import { markdownTable, writeResultsSection } from './lib/results-file.js';

const loadAtStart = describeLoad();
const options = benchOptions('replay-judging.js', {
  trials: { env: 'BENCH_JUDGING_TRIALS', default: 20, kind: 'number', help: 'trials per arm' },
  rounds: { env: 'BENCH_JUDGING_ROUNDS', default: 3, kind: 'number', help: 'bisections per mode' },
});

const storage = createMemoryStorage();
const server = await createServer({
  storage,
  host: '127.0.0.1',
  port: 0,
  detection: { enabled: false },
});
const run = await runScenario(findScenario('sampling-change'), {
  endpoint: server.url,
  seed: 1,
  healthyRequests: 40,
  incidentRequests: 40,
  keepSimulator: true,
});
await server.close();
const sim = run.simulator;
sim.setConfig({ varyByRequestCounter: true });
let badId;
for (const id of run.groundTruth.incident.traceIds) {
  const findings = await storage.traces.getFindings('default', id);
  if (findings.some((f) => run.groundTruth.expectedCategories.includes(f.category))) {
    badId = id;
    break;
  }
}
const providers = createReplayProviders(undefined, { OPENAI_BASE_URL: sim.baseURL });
const ports = { traces: storage.traces, projects: storage.projects };
const threads = startJudgingThreads();

async function bisectOnce(judging) {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const started = performance.now();
  const result = await bisectTrace(ports, providers, 'default', badId, {
    goodVersions: 'own',
    trials: options.trials,
    judging,
  });
  const wallMs = performance.now() - started;
  delay.disable();
  return {
    wallMs,
    calls: result.calls,
    verdict: result.verdict?.factors.join('+') || result.verdict?.kind,
    p99Ms: delay.percentile(99) / 1e6,
    maxMs: delay.max / 1e6,
  };
}

const modes = [
  ['main thread (reference)', inProcessJudging],
  ['worker threads (server default)', threads],
];
await bisectOnce(inProcessJudging);
await bisectOnce(threads);
const measured = new Map(modes.map(([name]) => [name, []]));
for (let i = 0; i < options.rounds; i++)
  for (const [name, judging] of modes) measured.get(name).push(await bisectOnce(judging));
await threads.close();
await sim.close();
await storage.close();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const summary = modes.map(([name]) => {
  const rounds = measured.get(name);
  return {
    name,
    p99: median(rounds.map((r) => r.p99Ms)),
    max: median(rounds.map((r) => r.maxMs)),
    wall: median(rounds.map((r) => r.wallMs)),
    calls: rounds[0].calls,
    verdicts: [...new Set(rounds.map((r) => r.verdict))].join(', '),
  };
});
const [reference, threaded] = summary;
const lines = [
  `- Event-loop delay of the main thread during a bisection, p99: ${threaded.p99.toFixed(2)} ms with worker threads against ${reference.p99.toFixed(2)} ms judging on the main thread (${(threaded.p99 / reference.p99).toFixed(2)}x); max ${threaded.max.toFixed(2)} ms against ${reference.max.toFixed(2)} ms (${(threaded.max / reference.max).toFixed(2)}x).`,
  `- Wall time per bisection: ${threaded.wall.toFixed(0)} ms against ${reference.wall.toFixed(0)} ms (${(threaded.wall / reference.wall).toFixed(2)}x).`,
];
console.log(lines.join('\n'));
const body = `
${describeMachine()}. ${loadAtStart}. ${SHARED_MACHINE_CAVEAT}

How it was measured: \`npm run bench:replay-judging -- --trials ${options.trials} --rounds ${options.rounds}\`. The sampling-change incident (40 healthy, 40 incident requests, seed 1) ran through the simulator's apps into Glassbox over memory storage; one failing trace was bisected against its own version snapshot (${options.trials} trials per arm, ${reference.calls} provider calls, simulator in its incident state), ${options.rounds} times per mode after one warm-up each, alternating modes. \`monitorEventLoopDelay\` (1 ms resolution) sampled the main thread during each bisection; medians over the rounds.

${markdownTable(
  ['judging on', 'event-loop delay p99', 'event-loop delay max', 'wall per bisection', 'verdicts'],
  summary.map((s) => [
    s.name,
    `${s.p99.toFixed(2)} ms`,
    `${s.max.toFixed(2)} ms`,
    `${s.wall.toFixed(0)} ms`,
    s.verdicts,
  ]),
)}

${lines.join('\n')}
`;
const date = new Date().toISOString().slice(0, 10);
console.log(
  `written to ${writeResultsSection(`Replay judging off the event loop (${date})`, body)}`,
);
