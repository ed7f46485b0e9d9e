import { seededRandom, type Random } from '../util/seeded-random.js';

/** What an incident moves. Rates move by percentage points, values by a factor. */
export const RANDOM_INCIDENT_METRICS = [
  'refusal_rate',
  'error_rate',
  'tool_call_rate',
  'escalation_rate',
  'latency',
  'cost',
  'answer_length',
] as const;
export type RandomIncidentMetric = (typeof RANDOM_INCIDENT_METRICS)[number];

export type RateMetric = Extract<
  RandomIncidentMetric,
  'refusal_rate' | 'error_rate' | 'tool_call_rate' | 'escalation_rate'
>;
export type ValueMetric = Exclude<RandomIncidentMetric, RateMetric>;

/** Span attribute conventions the traffic is written in. */
export const SPAN_CONVENTIONS = ['otel-genai', 'openinference', 'openllmetry'] as const;
export type SpanConvention = (typeof SPAN_CONVENTIONS)[number];

/** Segment attributes and the values they take, as users of each convention name them. */
export const SEGMENT_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  'risk.category': ['low', 'medium', 'high', 'critical'],
  tenant: ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'stark'],
  intent: ['billing', 'shipping', 'returns', 'account', 'technical'],
  route: ['faq', 'agent', 'search', 'checkout'],
  'gen_ai.request.model': ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-mini'],
  'app.user.tier': ['free', 'pro', 'enterprise'],
};

/**
 * Directions an incident can take per metric: the ones that hurt. A drop in refusals on risky
 * traffic hurts as much as a rise; a drop in errors, latency or cost does not.
 */
export const INCIDENT_DIRECTIONS: Readonly<Record<RandomIncidentMetric, readonly Direction[]>> = {
  refusal_rate: ['up', 'down'],
  error_rate: ['up'],
  tool_call_rate: ['up', 'down'],
  escalation_rate: ['up', 'down'],
  latency: ['up'],
  cost: ['up'],
  answer_length: ['up', 'down'],
};

export type Direction = 'up' | 'down';

/** Smallest moves drawn: 3 percentage points for a rate, a factor of 1.25 for a value. */
export const MIN_RATE_EFFECT = 0.03;
export const MIN_VALUE_FACTOR = 1.25;
/** Smallest share of traffic the affected segment has. */
export const MIN_SEGMENT_SHARE = 0.1;

/** How one segment of traffic behaves: per-request probabilities and typical sizes. */
export interface SegmentProfile {
  refusal_rate: number;
  error_rate: number;
  tool_call_rate: number;
  escalation_rate: number;
  /** Median request latency (log-normal around it). */
  latencyMs: number;
  /** Mean prompt and answer tokens (cost follows prompt tokens, answer length answer tokens). */
  inputTokens: number;
  outputTokens: number;
}

export interface SegmentValue {
  value: string;
  share: number;
  healthy: SegmentProfile;
}

/** Everything a random incident is drawn as; the same seed always draws the same one. */
export interface RandomIncident {
  seed: number;
  convention: SpanConvention;
  /** Simulated epoch ms of the first request; requests are spaced by `meanGapMs` on average. */
  startMs: number;
  meanGapMs: number;
  requests: number;
  /** Index of the first request after the change; `requests` when the stream stays healthy. */
  onsetIndex: number;
  attribute: string;
  segments: SegmentValue[];
  /** The model answering before and, when the incident is a model update, after the onset. */
  responseModel: { before: string; after: string };
  incident?: IncidentEffect;
}

export interface IncidentEffect {
  metric: RandomIncidentMetric;
  direction: Direction;
  /** The affected segment's value of `attribute`. */
  segment: string;
  /** Rate or value in the affected segment before and after the onset. */
  before: number;
  after: number;
  /** A model update coincides with the change (the case-study shape), or it is silent. */
  cause: 'model-update' | 'silent';
}

/** The answer key detection is scored against. */
export interface IncidentGroundTruth {
  onsetIndex: number;
  onsetMs: number;
  metric: RandomIncidentMetric;
  direction: Direction;
  segment: { attribute: string; value: string; share: number };
  before: number;
  after: number;
  cause: IncidentEffect['cause'];
}

export interface DrawOptions {
  /** Requests in the stream (default 4,500). */
  requests?: number;
  /** Onset drawn uniformly in this index range (default 3,000 to 3,500). */
  onset?: { from: number; to: number };
  /** A healthy stream: same traffic shape, no incident. */
  healthy?: boolean;
}

const RATE_RANGES: Record<RateMetric, { healthy: [number, number]; incident: [number, number] }> = {
  refusal_rate: { healthy: [0.002, 0.05], incident: [0.002, 0.98] },
  error_rate: { healthy: [0.001, 0.02], incident: [0.001, 0.1] },
  tool_call_rate: { healthy: [0.05, 0.7], incident: [0.05, 0.9] },
  escalation_rate: { healthy: [0.005, 0.08], incident: [0.005, 0.4] },
};

const RATE_METRICS = Object.keys(RATE_RANGES) as RateMetric[];

/** Whether the metric is a per-request rate (moved by percentage points). */
export function isRateMetric(metric: RandomIncidentMetric): metric is RateMetric {
  return (RATE_METRICS as string[]).includes(metric);
}

const uniform = (r: Random, [lo, hi]: readonly [number, number]): number =>
  lo + (hi - lo) * r.next();

function healthyProfile(r: Random): SegmentProfile {
  return {
    refusal_rate: uniform(r, RATE_RANGES.refusal_rate.healthy),
    error_rate: uniform(r, RATE_RANGES.error_rate.healthy),
    tool_call_rate: uniform(r, RATE_RANGES.tool_call_rate.healthy),
    escalation_rate: uniform(r, RATE_RANGES.escalation_rate.healthy),
    latencyMs: Math.round(uniform(r, [300, 2500])),
    inputTokens: Math.round(uniform(r, [150, 1500])),
    outputTokens: Math.round(uniform(r, [40, 400])),
  };
}

/** Segment shares: the affected one (first) gets at least MIN_SEGMENT_SHARE, others share the rest. */
function drawShares(r: Random, count: number): number[] {
  const first = uniform(r, [MIN_SEGMENT_SHARE, 0.6]);
  const weights = Array.from({ length: count - 1 }, () => 0.2 + r.next());
  const total = weights.reduce((a, b) => a + b, 0);
  return [first, ...weights.map((w) => ((1 - first) * w) / total)];
}

function shuffled<T>(r: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const PROFILE_KEY: Record<ValueMetric, 'latencyMs' | 'inputTokens' | 'outputTokens'> = {
  latency: 'latencyMs',
  cost: 'inputTokens',
  answer_length: 'outputTokens',
};

/** The profile field a metric moves. */
export function profileKey(metric: RandomIncidentMetric): keyof SegmentProfile {
  return isRateMetric(metric) ? metric : PROFILE_KEY[metric];
}

function drawEffect(r: Random, segment: SegmentValue): IncidentEffect {
  const metric = r.pick(RANDOM_INCIDENT_METRICS);
  const direction = r.pick(INCIDENT_DIRECTIONS[metric]);
  const cause = r.chance(0.4) ? 'model-update' : 'silent';
  // Small moves are drawn more often than large ones: they are the hard, common case.
  const size = r.next() ** 2;
  if (isRateMetric(metric)) {
    const [lo, hi] = RATE_RANGES[metric].incident;
    const effect = MIN_RATE_EFFECT + size * (0.5 - MIN_RATE_EFFECT);
    const reach = Math.min(effect, hi - lo - 0.001);
    const before = direction === 'up' ? uniform(r, [lo, hi - reach]) : uniform(r, [lo + reach, hi]);
    const after = direction === 'up' ? before + reach : before - reach;
    segment.healthy[metric] = before;
    return { metric, direction, segment: segment.value, before, after, cause };
  }
  const factor = MIN_VALUE_FACTOR + size * (3 - MIN_VALUE_FACTOR);
  const before = segment.healthy[PROFILE_KEY[metric]];
  const after = direction === 'up' ? before * factor : before / factor;
  return { metric, direction, segment: segment.value, before, after, cause };
}

/**
 * Draws one random incident (or, with `healthy`, a healthy stream of the same kind) from a
 * seed: convention, traffic mix over the values of one segment attribute, each segment's
 * healthy rates and sizes, and the change — metric, direction, size, onset and affected
 * segment (at least 10 % of traffic). Rates move by at least 3 percentage points, values by
 * at least a factor of 1.25.
 *
 * @example
 * const incident = drawRandomIncident(100_001);
 * incidentGroundTruth(incident); // { metric: 'refusal_rate', segment: { attribute: 'risk.category', ... } }
 */
export function drawRandomIncident(seed: number, options: DrawOptions = {}): RandomIncident {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const requests = options.requests ?? 4_500;
  const onset = options.onset ?? { from: 3_000, to: 3_500 };
  if (!Number.isInteger(requests) || requests < 1)
    throw new RangeError(`requests must be a positive integer, got ${requests}`);
  if (
    !options.healthy &&
    !(
      Number.isInteger(onset.from) &&
      onset.from >= 1 &&
      onset.from <= onset.to &&
      onset.to < requests
    )
  )
    throw new RangeError(
      `onset range ${onset.from}..${onset.to} must be integers with 1 <= from <= to < requests (${requests})`,
    );
  const r = seededRandom('random-incident', seed, options.healthy ? 'healthy' : 'incident');
  const convention = r.pick(SPAN_CONVENTIONS);
  const attribute = r.pick(Object.keys(SEGMENT_ATTRIBUTES));
  const values = shuffled(r, SEGMENT_ATTRIBUTES[attribute] ?? []);
  const count = r.int(2, values.length);
  const shares = drawShares(r, count);
  const segments = shares.map((share, i) => ({
    value: values[i] as string,
    share,
    healthy: healthyProfile(r),
  }));
  const version = r.pick(['gpt-4o', 'gpt-4o-mini', 'gpt-4.1']);
  const responseModel = { before: `${version}-2024-08-06`, after: `${version}-2024-08-06` };
  const base: RandomIncident = {
    seed,
    convention,
    startMs: Date.UTC(2026, 0, 1) + r.int(0, 300) * 86_400_000,
    meanGapMs: Math.round(uniform(r, [200, 3000])),
    requests,
    onsetIndex: requests,
    attribute,
    segments,
    responseModel,
  };
  if (options.healthy) return base;
  const affected = segments[0] as SegmentValue;
  const incident = drawEffect(r, affected);
  if (incident.cause === 'model-update') responseModel.after = `${version}-2026-11-01`;
  return { ...base, onsetIndex: r.int(onset.from, onset.to), incident };
}

/** The answer key of an incident stream; throws for a healthy one. */
export function incidentGroundTruth(s: RandomIncident): IncidentGroundTruth {
  if (!s.incident) throw new RangeError(`stream ${s.seed} is healthy: it has no ground truth`);
  const affected = s.segments.find((g) => g.value === s.incident?.segment);
  if (!affected) throw new RangeError(`segment ${s.incident.segment} is not in stream ${s.seed}`);
  return {
    onsetIndex: s.onsetIndex,
    onsetMs: requestTimes(s)[s.onsetIndex] as number,
    metric: s.incident.metric,
    direction: s.incident.direction,
    segment: { attribute: s.attribute, value: affected.value, share: affected.share },
    before: s.incident.before,
    after: s.incident.after,
    cause: s.incident.cause,
  };
}

/** Simulated event times of every request: exponential gaps, no wall clock involved. */
export function requestTimes(s: RandomIncident): number[] {
  const r = seededRandom('random-incident-times', s.seed, s.incident ? 'incident' : 'healthy');
  const times: number[] = [];
  let t = s.startMs;
  for (let i = 0; i < s.requests; i++) {
    times.push(Math.round(t));
    t += -Math.log(1 - r.next()) * s.meanGapMs + 1;
  }
  return times;
}
