import { baselineReadiness, numberParam, type Detector, type DetectorParams } from './detector.js';
import { count, probability, type ParamSpecs } from './detector-params.js';
import type { Metric } from './metric-catalog.js';

export const DOMINANCE_DEFAULTS = { baselineSize: 500, window: 100, share: 0.5, minIncrease: 0.25 };

/** What a dominance monitor may set. */
export const DOMINANCE_PARAMS: ParamSpecs = {
  baselineSize: count('requests forming the reference shares', DOMINANCE_DEFAULTS.baselineSize),
  window: count('recent requests a value must dominate', DOMINANCE_DEFAULTS.window),
  share: probability('share of the window that counts as dominating', DOMINANCE_DEFAULTS.share),
  minIncrease: probability(
    'smallest rise of that share over the baseline',
    DOMINANCE_DEFAULTS.minIncrease,
  ),
};

interface DominanceState {
  seen: number;
  baseline: Record<string, number>;
  window: Record<string, number>;
  windowN: number;
  windowStartMs?: number;
  /** Sources already alarmed on while they still dominate. */
  dominating: string[];
}

const shareOf = (counts: Record<string, number>, key: string): number => {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return total ? (counts[key] ?? 0) / total : 0;
};

/**
 * A new source dominating retrieval: in a window of requests, one source holds at least
 * `share` of the retrieved documents and `minIncrease` more than in the baseline.
 *
 * @example
 * createDominanceDetector(resolveMetric('source_share'), { share: 0.5 });
 */
export function createDominanceDetector(
  metric: Metric,
  params: DetectorParams,
  saved?: unknown,
): Detector {
  if (metric.kind !== 'share') throw new TypeError(`${metric.name} is not categorical`);
  const d = DOMINANCE_DEFAULTS;
  const baselineSize = numberParam(params, 'baselineSize', d.baselineSize);
  const windowSize = numberParam(params, 'window', d.window);
  const minShare = numberParam(params, 'share', d.share);
  const minIncrease = numberParam(params, 'minIncrease', d.minIncrease);
  const s: DominanceState = (saved as DominanceState | undefined) ?? {
    seen: 0,
    baseline: {},
    window: {},
    windowN: 0,
    dominating: [],
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
      const window = s.window;
      const startMs = s.windowStartMs ?? o.eventMs;
      s.window = {};
      s.windowN = 0;
      const ranked = Object.keys(window).sort((a, b) => (window[b] ?? 0) - (window[a] ?? 0));
      const top = ranked[0];
      if (top === undefined) return {};
      const share = shareOf(window, top);
      const before = shareOf(s.baseline, top);
      s.dominating = s.dominating.filter((k) => shareOf(window, k) >= minShare);
      const point = { atMs: o.eventMs, statistic: share - before, threshold: minIncrease };
      if (share < minShare || share - before < minIncrease || s.dominating.includes(top)) {
        return { point, active: s.dominating.length > 0 };
      }
      s.dominating.push(top);
      return {
        point,
        alarm: {
          statistic: share - before,
          threshold: minIncrease,
          baseline: { source: top, share: before },
          current: { source: top, share },
          message: `source "${top}" now supplies ${(share * 100).toFixed(0)} % of retrieved documents (baseline ${(before * 100).toFixed(0)} %)`,
          onsetMs: startMs,
          subject: top,
        },
      };
    },
    state: () => structuredClone(s),
    readiness: () => baselineReadiness(s.seen, baselineSize),
  };
}
