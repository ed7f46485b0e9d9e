// Scores what the detection job did on one random stream against its ground truth, and sums
// streams into the held-out table's rows. Pure functions over alerts; no detection here.
import { normalCdf, normalQuantile } from '@glassbox/core/stats';
import { percentile } from './stats.js';

/** Power at which an incident counts as detectable by the oracle test. */
export const ORACLE_POWER = 0.8;

/** Monitor metrics that name each generated metric (an alert on another metric still detects). */
const METRIC_NAMES = {
  refusal_rate: ['refusal_rate'],
  error_rate: ['error_rate'],
  tool_call_rate: ['tool_share', 'tool_call_rate', 'steps'],
  escalation_rate: ['escalation_rate'],
  latency: ['latency_ms'],
  cost: ['cost_usd'],
  answer_length: ['output_tokens', 'cost_usd', 'answer_length'],
};

/**
 * Whether an alert's segment names the affected one: the value matches and the key is the
 * attribute under any prefix the store gives it (`meta.tenant`, `risk` for `risk.category`).
 */
export function blamesSegment(segment, truth) {
  return Object.entries(segment ?? {}).some(([key, value]) => {
    if (value !== truth.value) return false;
    const bare = key.replace(/^(meta|attr|span|resource)\./, '');
    return (
      bare === truth.attribute ||
      key.endsWith(truth.attribute) ||
      truth.attribute.startsWith(`${bare}.`)
    );
  });
}

/** How the first symptom alert's segment relates to the truth: correct, other, or overall. */
function blameOf(alert, truth) {
  if (!alert.segment || Object.keys(alert.segment).length === 0) return 'overall';
  return blamesSegment(alert.segment, truth.segment) ? 'correct' : 'other';
}

/**
 * One incident stream's score. `times` are the stream's request event times; `arming` the
 * requests the default monitors need before they can alarm (requests before it are not
 * counted as healthy exposure).
 */
export function scoreIncident({ truth, alerts, incidents, times, arming }) {
  const sorted = [...alerts].sort((a, b) => a.openedAtMs - b.openedAtMs);
  const before = sorted.filter((a) => a.openedAtMs < truth.onsetMs);
  const after = sorted.filter((a) => a.openedAtMs >= truth.onsetMs);
  const symptom = after.find((a) => !a.change);
  const delay = symptom
    ? times.slice(truth.onsetIndex).filter((t) => t <= symptom.openedAtMs).length
    : undefined;
  const names = METRIC_NAMES[truth.metric] ?? [];
  return {
    detected: symptom !== undefined,
    delay,
    monitor: symptom?.monitorId,
    rightMetric: symptom ? names.some((n) => symptom.metric.startsWith(n)) : false,
    blame: symptom ? blameOf(symptom, truth) : undefined,
    anyAlertBlamed: after.some((a) => !a.change && blamesSegment(a.segment, truth.segment)),
    incident: symptom
      ? incidents.some((i) => i.alertIds.includes(symptom.id) || i.id === symptom.incidentId)
      : false,
    falseAlarms: before.map((a) => a.monitorId),
    healthyRequests: truth.onsetIndex,
    armedHealthyRequests: Math.max(0, truth.onsetIndex - arming),
  };
}

const pct = (n, d) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)} %`);
const num = (x) => (x === undefined || Number.isNaN(x) ? '—' : String(Math.round(x)));

/** Detection rate, delays and blame over scored incidents, as table cells. */
export function summarizeIncidents(scores) {
  const detected = scores.filter((s) => s.detected);
  const delays = detected.map((s) => s.delay).sort((a, b) => a - b);
  const count = (f) => detected.filter(f).length;
  const detectable = scores.filter((s) => s.oracle?.detectable);
  const caught = detectable.filter((s) => s.detected).length;
  return {
    incidents: scores.length,
    detected: detected.length,
    detectable: detectable.length,
    caughtDetectable: caught,
    cells: [
      String(scores.length),
      `${detected.length} (${pct(detected.length, scores.length)})`,
      num(percentile(delays, 0.5)),
      num(percentile(delays, 0.9)),
      pct(
        count((s) => s.blame === 'correct'),
        detected.length,
      ),
      pct(
        count((s) => s.blame === 'overall'),
        detected.length,
      ),
      pct(
        count((s) => s.rightMetric),
        detected.length,
      ),
      pct(
        count((s) => s.incident),
        detected.length,
      ),
      `${detectable.length} (${pct(detectable.length, scores.length)})`,
      `${caught} of ${detectable.length} (${pct(caught, detectable.length)})`,
    ],
  };
}

export const INCIDENT_COLUMNS = [
  'incidents',
  'detected',
  'median delay (requests)',
  'p90 delay (requests)',
  'first alert blamed the right segment',
  'first alert on all traffic (no segment)',
  'first alert on the right metric',
  'first alert filed in an incident',
  `oracle-detectable (power ≥ ${ORACLE_POWER})`,
  'detected of oracle-detectable',
];

/** Buckets of what the generator draws, to break detections and misses down by. */
export const BREAKDOWNS = [
  {
    name: 'segment share',
    bucket: (t) =>
      t.segment.share < 0.2 ? '10–20 %' : t.segment.share < 0.3 ? '20–30 %' : '30–60 %',
  },
  {
    name: 'effect size',
    bucket: (t) => {
      if (t.metric.endsWith('_rate')) {
        const points = 100 * Math.abs(t.after - t.before);
        return points < 5
          ? 'rate 3–5 points'
          : points < 10
            ? 'rate 5–10 points'
            : points < 20
              ? 'rate 10–20 points'
              : 'rate ≥ 20 points';
      }
      const factor = Math.max(t.after / t.before, t.before / t.after);
      return factor < 1.5 ? 'value ×1.25–1.5' : factor < 2 ? 'value ×1.5–2' : 'value ≥ ×2';
    },
  },
  {
    name: 'requests in the segment after the onset',
    bucket: (t, s) => {
      const n = s.oracle?.postN ?? 0;
      return n < 100 ? '< 100' : n < 200 ? '100–199' : n < 400 ? '200–399' : '≥ 400';
    },
  },
];

/** Rows [bucket name, bucket, ...cells] of each breakdown over runs ({ truth, score }). */
export function breakdownRows(runs) {
  const rows = [];
  for (const b of BREAKDOWNS) {
    const groups = new Map();
    for (const run of runs) {
      const key = b.bucket(run.truth, run.score);
      groups.set(key, [...(groups.get(key) ?? []), run.score]);
    }
    for (const key of [...groups.keys()].sort())
      rows.push([b.name, key, ...summarizeIncidents(groups.get(key)).cells]);
  }
  return rows;
}

/**
 * One-sided 95 % upper confidence bound on a Poisson mean after `count` events: the λ with
 * P(X ≤ count; λ) = 0.05. For no events it is −ln 0.05 ≈ 3 (the rule of three).
 */
export function poissonUpper95(count) {
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`poissonUpper95 needs a non-negative integer count, got ${count}`);
  const cdf = (lambda) => {
    let term = Math.exp(-lambda);
    let sum = term;
    for (let i = 1; i <= count; i++) sum += term *= lambda / i;
    return sum;
  };
  let lo = 0;
  let hi = count + 10 + 10 * Math.sqrt(count + 1);
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (cdf(mid) > 0.05) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** False alarms per 100,000 healthy requests counted after arming, and over all of them. */
export function falseAlarmRate(rows) {
  const alarms = rows.reduce((n, r) => n + r.alarms, 0);
  const armed = rows.reduce((n, r) => n + r.armed, 0);
  const all = rows.reduce((n, r) => n + r.requests, 0);
  return {
    alarms,
    armed,
    all,
    perArmed: armed ? (alarms / armed) * 1e5 : NaN,
    upper95: armed ? (poissonUpper95(alarms) / armed) * 1e5 : NaN,
    perAll: all ? (alarms / all) * 1e5 : NaN,
  };
}

/** The per-request field of a generated request that each incident metric moves. */
const REQUEST_FIELD = {
  refusal_rate: 'refusal',
  error_rate: 'error',
  tool_call_rate: 'toolCall',
  escalation_rate: 'escalation',
  latency: 'latencyMs',
  cost: 'inputTokens',
  answer_length: 'outputTokens',
};

const meanVar = (xs) => {
  const mean = xs.reduce((a, x) => a + x, 0) / xs.length;
  const v = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / Math.max(1, xs.length - 1);
  return { n: xs.length, mean, v };
};

/**
 * Whether an incident could be detected at all: the power of an oracle that knows the onset,
 * the affected segment, the metric and the direction, and runs one test of the segment's
 * requests before the onset against those after it (up to the end of the stream): a
 * two-proportion z-test for rates, Welch's test on log values for latency, prompt and answer
 * tokens. Its one-sided level is the bench's false-alarm budget spent over the post-onset
 * window (`budget` alarms per request × requests after the onset), so the oracle gets the
 * same false-alarm allowance per request as the monitors have together. Power is the
 * plug-in power at the stream's own pre- and post-onset estimates. `requests` are the
 * stream's generated requests (index, segment and the per-request fields).
 */
export function oracleDetectability({ truth, requests, budget = 1e-5 }) {
  const field = REQUEST_FIELD[truth.metric];
  if (!field) throw new Error(`oracle test: unknown incident metric ${truth.metric}`);
  const inSegment = requests.filter((r) => r.segment === truth.segment.value);
  const value = (r) => (typeof r[field] === 'boolean' ? Number(r[field]) : Math.log(r[field]));
  const pre = inSegment.filter((r) => r.index < truth.onsetIndex).map(value);
  const post = inSegment.filter((r) => r.index >= truth.onsetIndex).map(value);
  const window = requests.filter((r) => r.index >= truth.onsetIndex).length;
  const alpha = Math.min(0.5, budget * window);
  const z = normalQuantile(1 - alpha);
  if (pre.length < 2 || post.length < 2)
    return { power: 0, detectable: false, alpha, preN: pre.length, postN: post.length };
  const a = meanVar(pre);
  const b = meanVar(post);
  const shift = (b.mean - a.mean) * (truth.direction === 'up' ? 1 : -1);
  let power;
  if (typeof requests[0]?.[field] === 'boolean') {
    // Two-proportion z-test: pooled standard error under no change, unpooled under the change.
    const pooled = (a.mean * a.n + b.mean * b.n) / (a.n + b.n);
    const se0 = Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n));
    const se1 = Math.sqrt((a.mean * (1 - a.mean)) / a.n + (b.mean * (1 - b.mean)) / b.n);
    power = se1 === 0 ? (shift > z * se0 ? 1 : 0) : normalCdf((shift - z * se0) / se1);
  } else {
    const se = Math.sqrt(a.v / a.n + b.v / b.n);
    power = se === 0 ? (shift > 0 ? 1 : 0) : normalCdf(shift / se - z);
  }
  return {
    power,
    detectable: power >= ORACLE_POWER,
    alpha,
    preN: pre.length,
    postN: post.length,
  };
}
