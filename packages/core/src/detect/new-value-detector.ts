import { baselineReadiness, numberParam, type Detector, type DetectorParams } from './detector.js';
import { count, type ParamSpecs } from './detector-params.js';
import type { Metric } from './metric-catalog.js';

export const NEW_VALUE_DEFAULTS = { baselineSize: 200, minCount: 3, window: 200 };

/** What a new-value monitor may set. */
export const NEW_VALUE_PARAMS: ParamSpecs = {
  baselineSize: count('requests whose values count as known', NEW_VALUE_DEFAULTS.baselineSize),
  minCount: count(
    'sightings of a new value within the window before it alarms',
    NEW_VALUE_DEFAULTS.minCount,
  ),
  window: count('recent requests the sightings are counted in', NEW_VALUE_DEFAULTS.window),
};

interface NewValueState {
  seen: number;
  known: string[];
  /** Unknown values: count in the current window and first event time. */
  pending: Record<string, { count: number; firstMs: number; lastIndex: number }>;
  /** Values that alarmed, with the request index they were last seen at. */
  inUse?: Record<string, number>;
}

/**
 * Change alert for categorical metrics (returned model, sampling parameters, prompt version):
 * the values seen in the first `baselineSize` requests are known; a value outside them that
 * appears `minCount` times within `window` requests alarms once, and is then known. The
 * detector stays active (its alert open) while an alarmed value was seen within the last
 * `window` requests: a change is not over while the new value is in use.
 *
 * @example
 * createNewValueDetector(resolveMetric('model_share'), {}); // alarms on gpt-4o-2024-11-20
 */
export function createNewValueDetector(
  metric: Metric,
  params: DetectorParams,
  saved?: unknown,
): Detector {
  if (metric.kind !== 'share') throw new TypeError(`${metric.name} is not categorical`);
  const baselineSize = numberParam(params, 'baselineSize', NEW_VALUE_DEFAULTS.baselineSize);
  const minCount = numberParam(params, 'minCount', NEW_VALUE_DEFAULTS.minCount);
  const window = numberParam(params, 'window', NEW_VALUE_DEFAULTS.window);
  const s: NewValueState = (saved as NewValueState | undefined) ?? {
    seen: 0,
    known: [],
    pending: {},
  };
  return {
    observe(o) {
      const values = Object.keys(metric.read(o));
      s.seen += 1;
      if (s.seen <= baselineSize) {
        for (const v of values) if (!s.known.includes(v)) s.known.push(v);
        return {};
      }
      for (const [v, p] of Object.entries(s.pending))
        if (s.seen - p.lastIndex > window) delete s.pending[v];
      const inUse = (s.inUse ??= {});
      for (const v of values) if (v in inUse) inUse[v] = s.seen;
      for (const [v, last] of Object.entries(inUse)) if (s.seen - last > window) delete inUse[v];
      const active = Object.keys(inUse).length > 0;
      let alarmValue: string | undefined;
      for (const v of values) {
        if (s.known.includes(v)) continue;
        const p = (s.pending[v] ??= { count: 0, firstMs: o.eventMs, lastIndex: s.seen });
        p.count += 1;
        p.lastIndex = s.seen;
        if (p.count >= minCount && alarmValue === undefined) alarmValue = v;
      }
      const top = Math.max(0, ...Object.values(s.pending).map((p) => p.count));
      const point = { atMs: o.eventMs, statistic: top, threshold: minCount };
      if (alarmValue === undefined) return { point, active };
      const p = s.pending[alarmValue] as { count: number; firstMs: number };
      delete s.pending[alarmValue];
      const before = s.known.join(', ') || '(none)';
      s.known.push(alarmValue);
      inUse[alarmValue] = s.seen;
      return {
        point,
        active: true,
        alarm: {
          statistic: p.count,
          threshold: minCount,
          baseline: { values: before },
          current: { value: alarmValue, count: p.count },
          message: `new ${metric.name.replace(/_share$/, '').replace(/_/g, ' ')} "${alarmValue}" (before: ${before})`,
          onsetMs: p.firstMs,
          subject: alarmValue,
        },
      };
    },
    state: () => structuredClone(s),
    readiness: () => baselineReadiness(s.seen, baselineSize),
  };
}
