// Detection benchmark (measured, not asserted). Part 1 runs each incident scenario of the
// simulator end to end — the instrumented scenario apps export OTLP to a real Glassbox server
// over SQLite, the detection job (default monitors, zero configuration) ticks over what was
// stored — and reports whether and how soon the incident was detected, by event time. Part 2
// measures false alarms on long healthy streams: every scenario's healthy observations
// (from the real apps) resampled with replacement to `--healthy` requests, plus a synthetic
// healthy stream, all through the same default monitors.
// Usage: npm run bench:detect [-- --healthy-phase 3000 --incident-phase 600 --healthy 50000 --scenarios a,b]
// With --held-out it runs the held-out random-incident benchmark instead (bench/detect-heldout.js).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMonitorEvent, createMonitorEvaluator, defaultMonitors } from '@glassbox/core/detect';
import { syntheticStream } from '../packages/core/test/index.ts';
import { createRng } from '@glassbox/core/stats';
import { createServer, DetectionJob } from '@glassbox/server';
import { SCENARIOS, runScenario } from '@glassbox/simulator';
import { openStorage } from '@glassbox/store';
import { benchOptions } from './lib/bench-options.js';
import { describeLoad, describeMachine, SHARED_MACHINE_CAVEAT } from './lib/machine.js';
import { markdownTable, writeResultsSection } from './lib/results-file.js';

if (process.argv.slice(2).includes('--held-out')) {
  await import('./detect-heldout.js');
  process.exit(0);
}

const loadAtStart = describeLoad();
const options = benchOptions('detect.js', {
  'healthy-phase': {
    env: 'BENCH_DETECT_HEALTHY_REQUESTS',
    default: 3000,
    kind: 'number',
    help: 'requests in each scenario healthy phase (the default monitors need 2,500 to arm)',
  },
  'incident-phase': {
    env: 'BENCH_DETECT_INCIDENT_REQUESTS',
    default: 600,
    kind: 'number',
    help: 'requests in each scenario incident phase (duplicate-bookings waits on real 150 ms timeouts)',
  },
  healthy: {
    env: 'BENCH_DETECT_HEALTHY',
    default: 50000,
    kind: 'number',
    help: 'resampled healthy requests per scenario for the false-alarm run (synthetic: twice that)',
  },
  scenarios: {
    env: 'BENCH_DETECT_SCENARIOS',
    default: SCENARIOS.map((s) => s.name).join(','),
    kind: 'string',
    help: 'comma-separated scenario names',
  },
  seed: {
    env: 'BENCH_DETECT_SEED',
    default: 1,
    kind: 'number',
    help: 'scenario and resampling seed',
  },
});

async function readAll(store, projectId, query = {}) {
  const out = [];
  let after;
  for (;;) {
    const page = await store.listObservations({
      projectId,
      limit: 5000,
      ...query,
      ...(after ? { after } : {}),
    });
    out.push(...page);
    if (page.length < 5000) return out;
    const last = page.at(-1);
    after = { ms: last.eventMs, traceId: last.traceId };
  }
}

/** Runs one scenario into a fresh SQLite-backed server and lets detection catch up. */
async function runOne(scenario) {
  const dir = mkdtempSync(join(tmpdir(), 'glassbox-bench-detect-'));
  const storage = await openStorage({ dataDir: dir });
  const server = await createServer({
    storage,
    host: '127.0.0.1',
    port: 0,
    detection: { enabled: false },
  });
  try {
    const started = performance.now();
    const { groundTruth } = await runScenario(scenario, {
      endpoint: server.url,
      seed: options.seed,
      healthyRequests: options['healthy-phase'],
      incidentRequests: options['incident-phase'],
    });
    await server.close(); // flushes queued writes
    const job = new DetectionJob(storage, { settleMs: 0, onError: (e) => console.error(e) });
    const detectStarted = performance.now();
    for (;;) {
      const report = await job.tick(Date.now() + 1000);
      if (report.observations === 0) break;
    }
    const detectMs = performance.now() - detectStarted;
    await job.stop();
    const alerts = await storage.detection.listAlerts({ projectId: 'default', limit: 10_000 });
    const observations = await readAll(storage.detection, 'default');
    return { groundTruth, alerts, observations, wallMs: performance.now() - started, detectMs };
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function detection(run) {
  const { groundTruth: gt, alerts, observations } = run;
  const byTime = [...alerts].sort((a, b) => a.openedAtMs - b.openedAtMs);
  const before = byTime.filter((a) => a.openedAtMs < gt.onsetMs);
  const after = byTime.filter((a) => a.openedAtMs >= gt.onsetMs);
  const incidentObs = observations.filter((o) => o.eventMs >= gt.onsetMs);
  const delay = (alert) =>
    alert && {
      monitor: alert.monitorId,
      requests: incidentObs.filter((o) => o.eventMs <= alert.openedAtMs).length,
      minutes: (alert.openedAtMs - gt.onsetMs) / 60_000,
      minutesAfterTraffic: (alert.openedAtMs - gt.incident.fromMs) / 60_000,
    };
  return {
    scenario: gt.scenario,
    healthyRequests: gt.healthy.requests,
    incidentRequests: gt.incident.requests,
    healthyAlerts: before,
    first: delay(after[0]),
    firstSymptom: delay(after.find((a) => !a.change)),
    monitors: [...new Set(after.map((a) => a.monitorId))],
  };
}

/** Default monitors over a stream; returns alert episodes (alarms merged as the job would). */
function countAlerts(observations) {
  const opened = [];
  for (const monitor of defaultMonitors()) {
    const evaluator = createMonitorEvaluator(monitor);
    let unresolved = [];
    let next = 0;
    for (const o of observations) {
      // Every chart's event: a monitor's segment charts can alarm on the same request.
      for (const event of evaluator.observeAll(o)) {
        const changes = applyMonitorEvent(monitor, event, unresolved, {
          projectId: 'p',
          newId: () => `a${next++}`,
        });
        opened.push(...changes.opened);
        unresolved = [
          ...unresolved.filter((a) => !changes.saved.some((s) => s.id === a.id)),
          ...changes.saved.filter((a) => a.status !== 'resolved'),
        ];
      }
    }
  }
  return opened;
}

function resample(pool, n, seed) {
  const rng = createRng(seed);
  const gap = pool.length > 1 ? (pool.at(-1).eventMs - pool[0].eventMs) / (pool.length - 1) : 1000;
  const start = pool[0]?.eventMs ?? 0;
  return Array.from({ length: n }, (_, i) => {
    const o = pool[rng.int(pool.length)];
    return {
      ...o,
      traceId: `r${String(i).padStart(8, '0')}`,
      eventMs: Math.round(start + i * gap),
    };
  });
}

const fmt = (x, digits = 1) => (x === undefined ? '—' : Number(x).toFixed(digits));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? undefined : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const names = options.scenarios
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const scenarioRows = [];
const healthyRows = [];
const results = [];
let healthyTotal = 0;
let healthyAlertTotal = 0;
for (const [index, name] of names.entries()) {
  const scenario = SCENARIOS.find((s) => s.name === name);
  if (!scenario)
    throw new Error(`unknown scenario ${name}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  console.log(`running ${name} ...`);
  const run = await runOne(scenario);
  const d = detection(run);
  results.push(d);
  console.log(
    JSON.stringify({
      ...d,
      healthyAlerts: d.healthyAlerts.map((a) => a.monitorId),
      wallMs: Math.round(run.wallMs),
    }),
  );
  scenarioRows.push([
    d.scenario,
    d.first ? 'yes' : 'no',
    d.first ? `${d.first.monitor}` : '—',
    d.first ? String(d.first.requests) : '—',
    fmt(d.first?.minutes),
    d.firstSymptom
      ? `${d.firstSymptom.monitor}, ${d.firstSymptom.requests} req, ${fmt(d.firstSymptom.minutes)} min`
      : '—',
    `${d.healthyAlerts.length}${d.healthyAlerts.length ? ` (${d.healthyAlerts.map((a) => a.monitorId).join(', ')})` : ''}`,
    `${d.healthyRequests} / ${d.incidentRequests}`,
  ]);
  const pool = run.observations.filter((o) => o.eventMs < run.groundTruth.onsetMs);
  const stream = resample(pool, options.healthy, options.seed * 1000 + index);
  const alerts = countAlerts(stream);
  healthyTotal += stream.length;
  healthyAlertTotal += alerts.length;
  healthyRows.push([
    `${name} (resampled healthy phase)`,
    String(stream.length),
    String(alerts.length),
    [...new Set(alerts.map((a) => a.monitorId))].join(', ') || '—',
  ]);
  console.log(
    `${name}: ${alerts.length} false alerts over ${stream.length} resampled healthy requests`,
  );
}
const synthetic = syntheticStream({ n: options.healthy * 2, seed: options.seed });
const syntheticAlerts = countAlerts(synthetic);
healthyTotal += synthetic.length;
healthyAlertTotal += syntheticAlerts.length;
healthyRows.push([
  'synthetic support-bot stream (core syntheticStream)',
  String(synthetic.length),
  String(syntheticAlerts.length),
  [...new Set(syntheticAlerts.map((a) => a.monitorId))].join(', ') || '—',
]);

const detected = results.filter((r) => r.first);
const medianRequests = median(detected.map((r) => r.first.requests));
const healthyPhaseRequests = results.reduce((n, r) => n + r.healthyRequests, 0);
const healthyPhaseAlerts = results.reduce((n, r) => n + r.healthyAlerts.length, 0);
const summary = [
  `- Detected: ${detected.length} of ${results.length} scenarios; median delay ${fmt(medianRequests, 0)} requests after the onset (aim: every scenario, median under 500).`,
  `- False alarms on long healthy streams: ${healthyAlertTotal} alerts over ${healthyTotal.toLocaleString('en-US')} requests = ${fmt((healthyAlertTotal / healthyTotal) * 1e5, 2)} per 100,000 (aim: at most 1).`,
  `- Alerts during the scenarios' real healthy phases (before the onset): ${healthyPhaseAlerts} over ${healthyPhaseRequests.toLocaleString('en-US')} requests.`,
];
console.log(summary.join('\n'));

const body = `
${describeMachine()}. ${loadAtStart}. ${SHARED_MACHINE_CAVEAT}

How it was measured: each scenario ran through the simulator's instrumented apps (OpenAI-compatible simulated provider, virtual clock, seed ${options.seed}) exporting OTLP to a Glassbox server over SQLite; ${options['healthy-phase']} healthy then ${options['incident-phase']} incident requests. The detection job then ran with the default monitors only (zero configuration) on event time. "Detected" means an alert opened at or after the onset; the delay counts the incident-phase requests up to the alert's event time and the simulated minutes since the onset and, in brackets, since the incident traffic began (scenarios start it one simulated minute after the onset, or later for slow-burning causes such as an index going stale over weeks). "First symptom alert" leaves out change alerts (new model, sampling parameters, prompt version). Alerts before the onset are false alarms.

${markdownTable(['scenario', 'detected', 'first alert (monitor)', 'delay (requests)', 'delay (sim. minutes since onset (since incident traffic began))', 'first symptom alert', 'alerts in healthy phase', 'healthy / incident requests'], scenarioRows)}

False alarms on long healthy runs. Honest note: these streams are not new traffic through the apps; each is the scenario's real healthy-phase observations resampled with replacement (no time-of-day or session correlation), plus the seeded synthetic stream from core. Every default monitor runs over them; alarms are merged into alerts as the job merges them.

${markdownTable(['healthy stream', 'requests', 'alerts', 'monitors'], healthyRows)}

${summary.join('\n')}
`;
const date = new Date().toISOString().slice(0, 10);
console.log(`written to ${writeResultsSection(`Detection (${date})`, body)}`);
