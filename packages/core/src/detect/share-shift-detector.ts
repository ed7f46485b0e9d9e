import { chiSquareHomogeneity } from '../stats/chi-square-test.js';
import { jensenShannonDistance } from '../stats/jensen-shannon.js';
import { baselineReadiness, numberParam, type Detector, type DetectorParams } from './detector.js';
import { count, probability, type ParamSpecs } from './detector-params.js';
import type { Metric } from './metric-catalog.js';

/**
 * Defaults: 1,000 baseline requests, windows of 200, chi-square p below 1e-4 and a
 * Jensen–Shannon distance of at least .1 (REFERENCE §4): with one test per 200 requests
 * the nominal false alarm rate is 0.05 per 100,000 requests, before the distance gate.
 */
export const SHARE_SHIFT_DEFAULTS = {
  baselineSize: 1000,
  window: 200,
  alpha: 1e-4,
  minDistance: 0.1,
};

/** What a share-shift monitor may set. */
export const SHARE_SHIFT_PARAMS: ParamSpecs = {
  baselineSize: count('requests forming the reference shares', SHARE_SHIFT_DEFAULTS.baselineSize),
  window: count('requests per tested window', SHARE_SHIFT_DEFAULTS.window),
  alpha: probability('chi-square significance level per window', SHARE_SHIFT_DEFAULTS.alpha),
  minDistance: probability(
    'smallest Jensen-Shannon distance that alarms',
    SHARE_SHIFT_DEFAULTS.minDistance,
  ),
};

interface ShareState {
  seen: number;
  baseline: Record<string, number>;
  window: Record<string, number>;
  windowN: number;
  windowStartMs?: number;
}

const RARE = '(rare)';

/**
 * Shift in the shares of a categorical metric (tool or route shares): each window of
 * requests is tested against the baseline with a chi-square homogeneity test; categories
 * expected fewer than 5 times in a window are pooled so the approximation holds.
 *
 * @example
 * createShareShiftDetector(resolveMetric('tool_share'), { alpha: 1e-4 });
 */
export function createShareShiftDetector(
  metric: Metric,
  params: DetectorParams,
  saved?: unknown,
): Detector {
  if (metric.kind !== 'share') throw new TypeError(`${metric.name} is not categorical`);
  const baselineSize = numberParam(params, 'baselineSize', SHARE_SHIFT_DEFAULTS.baselineSize);
  const windowSize = numberParam(params, 'window', SHARE_SHIFT_DEFAULTS.window);
  const alpha = numberParam(params, 'alpha', SHARE_SHIFT_DEFAULTS.alpha);
  const minDistance = numberParam(params, 'minDistance', SHARE_SHIFT_DEFAULTS.minDistance);
  const s: ShareState = (saved as ShareState | undefined) ?? {
    seen: 0,
    baseline: {},
    window: {},
    windowN: 0,
  };
  return {
    observe(o) {
      const counts = metric.read(o);
      s.seen += 1;
      const into = s.seen <= baselineSize ? s.baseline : s.window;
      for (const [k, v] of Object.entries(counts)) into[k] = (into[k] ?? 0) + v;
      if (s.seen <= baselineSize) return {};
      if (s.windowN === 0) s.windowStartMs = o.eventMs;
      s.windowN += 1;
      if (s.windowN < windowSize) return {};
      const reference = pool(s.baseline, s.baseline, windowSize);
      const current = pool(s.window, s.baseline, windowSize);
      const windowCounts = s.window;
      const startMs = s.windowStartMs ?? o.eventMs;
      s.window = {};
      s.windowN = 0;
      const cats = [...new Set([...Object.keys(reference), ...Object.keys(current)])];
      if (cats.length < 2 || Object.values(current).reduce((a, b) => a + b, 0) === 0) return {};
      const test = chiSquareHomogeneity(reference, current);
      const distance = jensenShannonDistance(
        cats.map((c) => reference[c] ?? 0),
        cats.map((c) => current[c] ?? 0),
      );
      const statistic = -Math.log10(Math.max(test.pValue, 1e-300));
      const threshold = -Math.log10(alpha);
      const point = { atMs: o.eventMs, statistic, threshold };
      if (test.pValue >= alpha || distance < minDistance) return { point };
      return {
        point,
        alarm: {
          statistic,
          threshold,
          baseline: shares(s.baseline),
          current: { ...shares(windowCounts), pValue: test.pValue, jensenShannon: distance },
          message: `${metric.name.replace(/_/g, ' ')} shifted (chi-square p = ${test.pValue.toExponential(2)}, JS distance ${distance.toFixed(2)})`,
          onsetMs: startMs,
        },
      };
    },
    state: () => structuredClone(s),
    readiness: () => baselineReadiness(s.seen, baselineSize),
  };
}

/** Maps counts onto the baseline's well-populated categories, pooling the rest as RARE. */
function pool(
  counts: Record<string, number>,
  baseline: Record<string, number>,
  windowSize: number,
): Record<string, number> {
  const total = Object.values(baseline).reduce((a, b) => a + b, 0) || 1;
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(counts)) {
    const key = ((baseline[k] ?? 0) / total) * windowSize >= 5 ? k : RARE;
    out[key] = (out[key] ?? 0) + v;
  }
  return out;
}

function shares(counts: Record<string, number>): Record<string, number> {
  const total = Object.values(counts).reduce((a, b) => a + b, 0) || 1;
  return Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v / total]));
}
