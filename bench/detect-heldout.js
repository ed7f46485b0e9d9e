// Held-out detection benchmark (measured, not asserted): `npm run bench:detect -- --held-out`.
// Random incidents are drawn from seeds — metric, direction, size (at least 3 percentage
// points, or a factor of 1.25 for latency, cost and answer length), onset, traffic mix over one
// segment attribute (affected segment at least 10 % of traffic), attribute name and span
// convention — and healthy streams of fresh traffic from other seeds. Every stream runs
// through the server's detection job with the default monitors on simulated event time (see
// lib/detection-pipeline.js). Tuning seeds (rules may be tuned on them) and held-out seeds
// (never looked at while tuning) are reported apart. Progress goes to stderr.
import {
  drawRandomIncident,
  incidentGroundTruth,
  randomIncidentTraffic,
  requestTimes,
} from '@glassbox/simulator';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { benchOptions } from './lib/bench-options.js';
import { detectOnStream } from './lib/detection-pipeline.js';
import {
  breakdownRows,
  falseAlarmRate,
  INCIDENT_COLUMNS,
  oracleDetectability,
  scoreIncident,
  summarizeIncidents,
} from './lib/heldout-scoring.js';
import { describeLoad, describeMachine, SHARED_MACHINE_CAVEAT } from './lib/machine.js';
import { markdownTable, writeResultsSection } from './lib/results-file.js';

const loadAtStart = describeLoad();
const options = benchOptions('detect.js --held-out', {
  'held-out': {
    env: 'BENCH_DETECT_HELD_OUT',
    default: true,
    kind: 'boolean',
    help: 'run this held-out mode (bench/detect.js dispatches here)',
  },
  tuning: {
    env: 'BENCH_DETECT_TUNING',
    default: 20,
    kind: 'number',
    help: 'tuning incidents: seeds 1..N',
    zero: true,
  },
  incidents: {
    env: 'BENCH_DETECT_INCIDENTS',
    default: 200,
    kind: 'number',
    help: 'held-out incidents: seeds FIRST..FIRST+N-1',
    zero: true,
  },
  'first-held-out-seed': {
    env: 'BENCH_DETECT_FIRST_HELD_OUT_SEED',
    default: 100_001,
    kind: 'number',
    help: 'first held-out seed (tuning seeds stay below it)',
  },
  'healthy-streams': {
    env: 'BENCH_DETECT_HEALTHY_STREAMS',
    default: 8,
    kind: 'number',
    help: 'fresh healthy streams per seed set (tuning, held-out)',
    zero: true,
  },
  'healthy-from': {
    env: 'BENCH_DETECT_HEALTHY_FROM',
    default: 0,
    kind: 'number',
    zero: true,
    help: 'healthy streams start at this offset from the first seed of each set (to split a run)',
  },
  part: {
    env: 'BENCH_DETECT_PART',
    default: false,
    kind: 'boolean',
    help: 'one part of a split run: write --details only, not bench/RESULTS.md',
  },
  'report-from': {
    env: 'BENCH_DETECT_REPORT_FROM',
    default: '',
    kind: 'string',
    help: 'comma-separated --details files of earlier (split) runs: report them, run nothing',
  },
  label: {
    env: 'BENCH_DETECT_LABEL',
    default: '',
    kind: 'string',
    help: 'added to the bench/RESULTS.md section title (to keep a before and an after apart)',
  },
  'healthy-requests': {
    env: 'BENCH_DETECT_HEALTHY_REQUESTS_PER_STREAM',
    default: 20_000,
    kind: 'number',
    help: 'requests in each healthy stream',
  },
  'onset-from': {
    env: 'BENCH_DETECT_ONSET_FROM',
    default: 2_600,
    kind: 'number',
    help: 'earliest onset (request index); the default monitors need 2,500 requests to arm',
  },
  'onset-to': {
    env: 'BENCH_DETECT_ONSET_TO',
    default: 2_800,
    kind: 'number',
    help: 'latest onset (request index)',
  },
  window: {
    env: 'BENCH_DETECT_WINDOW',
    default: 800,
    kind: 'number',
    help: 'requests after the latest onset; an incident not alerted on by then is missed',
  },
  details: {
    env: 'BENCH_DETECT_DETAILS',
    default: '',
    kind: 'string',
    help: 'also write every stream (seed, ground truth, score) as JSON lines to this file',
  },
  arming: {
    env: 'BENCH_DETECT_ARMING',
    default: 2_500,
    kind: 'number',
    help: 'first requests of each stream not counted as healthy exposure (monitors arming)',
  },
});

const onset = { from: options['onset-from'], to: options['onset-to'] };
const requests = onset.to + options.window;
const firstHeldOut = options['first-held-out-seed'];
if (options.tuning >= firstHeldOut)
  throw new Error(`--tuning ${options.tuning} would reach the held-out seeds from ${firstHeldOut}`);
const seedRange = (from, count) => Array.from({ length: count }, (_, i) => from + i);
const healthySeeds = (first) =>
  seedRange(first + options['healthy-from'], options['healthy-streams']);
const SETS = [
  { name: 'tuning', seeds: seedRange(1, options.tuning), healthySeeds: healthySeeds(1) },
  {
    name: 'held-out',
    seeds: seedRange(firstHeldOut, options.incidents),
    healthySeeds: healthySeeds(firstHeldOut),
  },
];
const total = SETS.reduce((n, s) => n + s.seeds.length + s.healthySeeds.length, 0);
let done = 0;
const started = performance.now();
const progress = (line) =>
  process.stderr.write(
    `[${++done}/${total} ${((performance.now() - started) / 1000).toFixed(0)} s] ${line}\n`,
  );

const describe = (t) => {
  const move = t.metric.endsWith('_rate')
    ? `${(100 * t.before).toFixed(1)} % -> ${(100 * t.after).toFixed(1)} %`
    : `${Math.round(t.before)} -> ${Math.round(t.after)}`;
  return `${t.metric} ${t.direction} ${move} on ${t.segment.attribute}=${t.segment.value} (${(100 * t.segment.share).toFixed(0)} %)`;
};

const withoutSpans = ({ spans: _spans, ...request }) => request;

async function runIncident(seed) {
  const stream = drawRandomIncident(seed, { requests, onset });
  const truth = incidentGroundTruth(stream);
  const traffic = [...randomIncidentTraffic(stream)];
  const { alerts, incidents } = await detectOnStream(traffic);
  const score = scoreIncident({
    truth,
    alerts,
    incidents,
    times: requestTimes(stream),
    arming: options.arming,
  });
  score.oracle = oracleDetectability({ truth, requests: traffic.map(withoutSpans) });
  return { seed, convention: stream.convention, truth, score };
}

async function runHealthy(seed) {
  const stream = drawRandomIncident(seed, { requests: options['healthy-requests'], healthy: true });
  const { alerts } = await detectOnStream(randomIncidentTraffic(stream));
  return {
    seed,
    requests: stream.requests,
    armed: Math.max(0, stream.requests - options.arming),
    alarms: alerts.length,
    monitors: alerts.map((a) => a.monitorId),
  };
}

// Written as each stream finishes, so an interrupted run still leaves what it measured.
if (options.details) writeFileSync(options.details, '');
const keep = (line) => {
  if (options.details) appendFileSync(options.details, `${JSON.stringify(line)}\n`);
};

/** Results of earlier runs from their --details files, grouped by seed set as a run makes them. */
function readDetails(files) {
  const lines = files.flatMap((f) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l)),
  );
  return SETS.map(({ name }) => {
    const mine = lines.filter((l) => l.set === name);
    const incidents = mine.filter((l) => !l.healthyStream).sort((a, b) => a.seed - b.seed);
    const healthy = mine.filter((l) => l.healthyStream).sort((a, b) => a.seed - b.seed);
    return {
      set: { name, seeds: incidents.map((r) => r.seed), healthySeeds: healthy.map((r) => r.seed) },
      incidents,
      healthy,
    };
  });
}

const results = [];
const reportFrom = options['report-from'].split(',').filter(Boolean);
if (reportFrom.length) results.push(...readDetails(reportFrom));
for (const set of reportFrom.length ? [] : SETS) {
  const incidents = [];
  for (const seed of set.seeds) {
    const run = await runIncident(seed);
    incidents.push(run);
    keep({ set: set.name, ...run });
    const s = run.score;
    progress(
      `${set.name} seed ${seed} (${run.convention}) ${describe(run.truth)}: ` +
        (s.detected
          ? `detected by ${s.monitor} after ${s.delay} requests, blamed ${s.blame}`
          : 'missed') +
        ` (oracle power ${s.oracle.power.toFixed(2)}, ${s.oracle.postN} segment requests after onset)` +
        (s.falseAlarms.length ? `; false alarms before onset: ${s.falseAlarms.join(', ')}` : ''),
    );
  }
  const healthy = [];
  for (const seed of set.healthySeeds) {
    const run = await runHealthy(seed);
    healthy.push(run);
    keep({ set: set.name, healthyStream: true, ...run });
    progress(
      `${set.name} healthy stream seed ${seed}: ${run.alarms} alarms over ${run.requests} requests ${run.monitors.join(', ')}`,
    );
  }
  results.push({ set, incidents, healthy });
}

const fmt = (x, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : '—');
const seedText = (seeds) => (seeds.length ? `${seeds[0]}–${seeds.at(-1)}` : 'none');
/** One row of the false-alarm table: exposure, alarms, rate, 95 % bound, monitors that alarmed. */
const healthyRow = (seeds, traffic, rate, monitors) => [
  seeds,
  traffic,
  rate.all.toLocaleString('en-US'),
  rate.armed.toLocaleString('en-US'),
  String(rate.alarms),
  fmt(rate.perArmed),
  fmt(rate.upper95),
  [...new Set(monitors)].join(', ') || '—',
];
const incidentRows = [];
const metricRows = [];
const breakdown = [];
const healthyRows = [];
const summary = [];
const allExposure = [];
const allMonitors = [];
for (const { set, incidents, healthy } of results) {
  const scores = incidents.map((r) => r.score);
  const all = summarizeIncidents(scores);
  incidentRows.push([`${set.name} (seeds ${seedText(set.seeds)})`, ...all.cells]);
  const metrics = [...new Set(incidents.map((r) => r.truth.metric))].sort();
  for (const metric of metrics) {
    const rows = incidents.filter((r) => r.truth.metric === metric);
    for (const direction of ['up', 'down']) {
      const part = rows.filter((r) => r.truth.direction === direction).map((r) => r.score);
      if (part.length)
        metricRows.push([set.name, `${metric} ${direction}`, ...summarizeIncidents(part).cells]);
    }
  }
  breakdown.push(...breakdownRows(incidents).map((row) => [set.name, ...row]));
  const exposure = [
    ...incidents.map((r) => ({
      requests: r.score.healthyRequests,
      armed: r.score.armedHealthyRequests,
      alarms: r.score.falseAlarms.length,
    })),
    ...healthy,
  ];
  const streams = falseAlarmRate(healthy);
  const phases = falseAlarmRate(exposure.slice(0, incidents.length));
  const together = falseAlarmRate(exposure);
  healthyRows.push(
    healthyRow(
      set.name,
      `fresh healthy streams (seeds ${seedText(healthy.map((h) => h.seed))}, ${options['healthy-requests']} requests each)`,
      streams,
      healthy.flatMap((h) => h.monitors),
    ),
    healthyRow(
      set.name,
      'incident streams before their onset',
      phases,
      incidents.flatMap((r) => r.score.falseAlarms),
    ),
  );
  allExposure.push(...exposure);
  allMonitors.push(
    ...healthy.flatMap((h) => h.monitors),
    ...incidents.flatMap((r) => r.score.falseAlarms),
  );
  summary.push(
    `- ${set.name}: detected ${all.detected} of ${all.incidents} (${fmt((100 * all.detected) / all.incidents, 1)} %, aim ≥ 95 % held out), ${all.caughtDetectable} of the ${all.detectable} oracle-detectable (${fmt((100 * all.caughtDetectable) / all.detectable, 1)} %); median delay ${all.cells[2]} requests (aim < 300); ${fmt(together.perArmed)} false alarms per 100,000 armed healthy requests (${together.alarms} over ${together.armed.toLocaleString('en-US')}; aim ≤ 1), ${fmt(together.perAll)} per 100,000 counting every healthy request.`,
  );
}
const everything = falseAlarmRate(allExposure);
healthyRows.push(
  healthyRow('all', 'every healthy request above, both seed sets', everything, allMonitors),
);
summary.push(
  `- False alarms, all healthy traffic together: ${everything.alarms} over ${everything.armed.toLocaleString('en-US')} armed healthy requests = ${fmt(everything.perArmed)} per 100,000, 95 % upper bound ${fmt(everything.upper95)} per 100,000 (aim ≤ 1).`,
);
const wallS = (performance.now() - started) / 1000;
console.log(summary.join('\n'));
console.log(
  JSON.stringify({ wallSeconds: Math.round(wallS), requestsPerIncidentStream: requests }),
);

const body = `
${describeMachine()}. ${reportFrom.length ? `Reported from the --details files of runs in parts (${reportFrom.length} files); the load at the report: ${loadAtStart.toLowerCase()}` : `${loadAtStart}`}. ${SHARED_MACHINE_CAVEAT}${reportFrom.length ? '' : ` The whole run took ${Math.round(wallS)} s.`}

Reproduce: \`npm run bench:detect -- --held-out\` (flags: \`--tuning ${options.tuning} --incidents ${options.incidents} --first-held-out-seed ${firstHeldOut} --healthy-streams ${options['healthy-streams']}${reportFrom.length ? ' (run in parts with --part --details and reported with --report-from: see the note below)' : ''} --healthy-requests ${options['healthy-requests']} --onset-from ${onset.from} --onset-to ${onset.to} --window ${options.window}\`).

How it was measured: each random incident is drawn from its seed by the simulator (\`drawRandomIncident\`, packages/simulator/src/scenarios/random-incidents.ts): the span convention (OTel GenAI, OpenInference, OpenLLMetry legacy), one segment attribute (\`risk.category\`, \`tenant\`, \`intent\`, \`route\`, \`gen_ai.request.model\`, \`app.user.tier\`) with 2 to 6 values and random shares, each segment's healthy rates and sizes, and the change: metric (refusal, error, tool-call or escalation rate, latency, cost, answer length), the directions that hurt (refusal, tool-call, escalation rates and answer length up or down; errors, latency and cost up), size (rates at least 3 percentage points, values at least a factor of 1.25; small moves drawn more often), onset between request ${onset.from} and ${onset.to}, the affected segment (at least 10 % of traffic), and in 40 % of incidents a model update at the onset. Streams have ${requests} requests on simulated time (exponential gaps, 0.2–3 s mean): machine load cannot cause alarms. Each stream's OTLP spans are checked and normalized as ingest does, written with the ingest classifier's findings to memory storage, and the server's \`DetectionJob\` ticks over them with the default monitors (zero configuration), exactly as behind a running server.

Scoring: "detected" means a symptom alert (not a change alert such as a new model) opened at or after the onset and within the stream; the delay counts the requests from the onset up to the alert's event time. "Blamed the right segment" means the first symptom alert carries a segment naming the affected attribute value; "on all traffic" means it carries none. False alarms are alerts before the onset and every alert on a healthy stream, counted against healthy requests past the first ${options.arming} of each stream (the monitors arm on those; alarms inside them still count), all default monitors and segments together.

Oracle-detectable: an oracle that knows the onset, the affected segment, the metric and the direction runs one test of that segment's requests before the onset against those after it (two-proportion z-test for rates, Welch's test on log values for latency, prompt and answer tokens), one-sided at the false-alarm budget spent over the post-onset window (10⁻⁵ per request × requests after the onset); an incident is oracle-detectable when that test's power at the stream's own estimates is at least 0.8. Incidents below it are too small or too short to find at this false-alarm budget by any rule; the misses among the detectable ones are the rules' fault.

Seeds: **tuning seeds ${seedText(SETS[0].seeds)}** (incidents and healthy streams; detection rules may be tuned on these); **held-out seeds ${seedText(SETS[1].seeds)}** (never used while tuning: judge the rules on these). Healthy streams use the first ${options['healthy-streams']} seeds of each set in a separate random namespace, so they share no traffic with the incidents.

${markdownTable(['seeds', ...INCIDENT_COLUMNS], incidentRows)}

By metric and direction:

${markdownTable(['seeds', 'metric', ...INCIDENT_COLUMNS], metricRows)}

By what the generator drew (segment share, effect size, requests in the affected segment from the onset to the end of the stream):

${markdownTable(['seeds', 'breakdown', 'bucket', ...INCIDENT_COLUMNS], breakdown)}

False alarms on healthy traffic (fresh traffic, never resampled; every alert of every default monitor and segment chart counts). The 95 % upper bound is one-sided Poisson: 3 / armed requests with no alarm (rule of three).

${markdownTable(['seeds', 'healthy traffic', 'requests', 'armed requests', 'alerts', 'per 100,000 armed', '95 % upper bound per 100,000 armed', 'monitors'], healthyRows)}

${summary.join('\n')}
`;
const date = new Date().toISOString().slice(0, 10);
if (!options.part)
  console.log(
    `written to ${writeResultsSection(`Detection, held-out random incidents against oracle detectability${options.label ? `, ${options.label}` : ''} (${date})`, body)}`,
  );
