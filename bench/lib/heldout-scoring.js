// Scores what the detection job did on one random stream against its ground truth, and sums
// streams into the held-out table's rows. Pure functions over alerts; no detection here.
import { percentile } from './stats.js';

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
  return {
    incidents: scores.length,
    detected: detected.length,
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
];

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
    perAll: all ? (alarms / all) * 1e5 : NaN,
  };
}
