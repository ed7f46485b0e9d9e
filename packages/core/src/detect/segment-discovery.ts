import type { Observation } from './observation.js';

/**
 * How segments are found without configuration: keys seen in the first 500 requests a
 * monitor watches, present on at least 5 % of them with at most 20 distinct values; each
 * value with at least 5 % of the requests gets its own chart (baseline 300 of its requests).
 * Named conventions (risk.*, *.category, intent, route, tenant, gen_ai.request.model, tool)
 * come first; at most 8 keys per monitor.
 */
export const SEGMENT_DISCOVERY = {
  requests: 500,
  minCoverage: 0.05,
  maxValues: 20,
  minValueShare: 0.05,
  maxKeys: 8,
  segmentBaseline: 300,
};

const NAMED = [
  /^risk(\.|$)/,
  /\.category$/,
  /^(.*\.)?intent$/,
  /^(.*\.)?route$/,
  /^(.*\.)?tenant$/,
  /^gen_ai\.request\.model$/,
  /^tool$/,
];
/** Versions change by design and have change monitors of their own. */
const NEVER = new Set(['model', 'promptVersion']);

/** Values counted per key over the discovery requests; keys past 20 values are dropped. */
export interface DiscoveryCounts {
  seen: number;
  values: Record<string, Record<string, number>>;
  overflow: string[];
}

/** The values a request has for a segment key: its tools for `tool`, else one or none. */
export function segmentValuesOf(o: Observation, key: string): string[] {
  if (key === 'tool') return o.tools;
  const v = o.segments[key];
  return v === undefined ? [] : [v];
}

/** Counts one request's segment values. */
export function countSegments(d: DiscoveryCounts, o: Observation): void {
  d.seen += 1;
  const keys = Object.keys(o.segments).filter((k) => !NEVER.has(k));
  if (o.tools.length > 0) keys.push('tool');
  for (const key of keys) {
    if (d.overflow.includes(key)) continue;
    const counts = (d.values[key] ??= {});
    for (const v of segmentValuesOf(o, key)) {
      if (!(v in counts) && Object.keys(counts).length >= SEGMENT_DISCOVERY.maxValues) {
        d.overflow.push(key);
        delete d.values[key];
        break;
      }
      counts[v] = (counts[v] ?? 0) + 1;
    }
  }
}

const named = (key: string): boolean => NAMED.some((r) => r.test(key));

/**
 * The segment keys and values worth charting, from the discovery counts: low-cardinality
 * keys on enough traffic, leaving out a key whose one value covers (nearly) everything (its
 * chart would be the overall one) and `meta.<key>` copies of a key already present.
 *
 * @example
 * chooseSegments(counts); // { 'risk.category': ['high', 'low'], tool: ['search'] }
 */
export function chooseSegments(d: DiscoveryCounts): Record<string, string[]> {
  const n = Math.max(1, d.seen);
  const candidates = Object.entries(d.values)
    .filter(([key]) => !(key.startsWith('meta.') && key.slice(5) in d.values))
    .map(([key, counts]) => {
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      const values = Object.entries(counts)
        .filter(([, c]) => c / n >= SEGMENT_DISCOVERY.minValueShare)
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .map(([v]) => v);
      const whole = values.length === 1 && (counts[values[0] as string] ?? 0) / n >= 0.95;
      return { key, coverage: total / n, values, whole };
    })
    .filter((c) => c.coverage >= SEGMENT_DISCOVERY.minCoverage && c.values.length > 0 && !c.whole)
    .sort(
      (a, b) =>
        Number(named(b.key)) - Number(named(a.key)) ||
        b.coverage - a.coverage ||
        (a.key < b.key ? -1 : 1),
    )
    .slice(0, SEGMENT_DISCOVERY.maxKeys);
  return Object.fromEntries(candidates.map((c) => [c.key, c.values]));
}

/** `key=value,key=value`, how a segment is written in titles and the API. */
export function describeSegmentFilter(segment: Readonly<Record<string, string>>): string {
  return Object.entries(segment)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}
