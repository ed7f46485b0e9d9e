import { meanEmbeddingShift } from '../stats/embedding-shift.js';
import { hashingVectorize } from '../stats/hashing-vectorizer.js';
import { mmdTest } from '../stats/mmd.js';
import { baselineReadiness, numberParam, type Detector, type DetectorParams } from './detector.js';
import { count, probability, type ParamSpecs } from './detector-params.js';
import type { Metric } from './metric-catalog.js';

/**
 * Defaults: 300 baseline queries, windows of 150, hashing vectorizer of 256 dimensions. A
 * window alarms when its queries' mean cosine to the baseline centroid drops by at least
 * 25 % of the baseline's own, and an MMD permutation test (200 permutations, seeded)
 * confirms it at p <= .01. The cheap cosine gate runs on every window; MMD only past it.
 */
export const EMBEDDING_DRIFT_DEFAULTS = {
  baselineSize: 300,
  window: 150,
  dimensions: 256,
  minRelativeDrop: 0.25,
  alpha: 0.01,
};

/** What an embedding-drift monitor may set. */
export const EMBEDDING_DRIFT_PARAMS: ParamSpecs = {
  baselineSize: count('queries forming the baseline', EMBEDDING_DRIFT_DEFAULTS.baselineSize),
  window: count('queries per tested window', EMBEDDING_DRIFT_DEFAULTS.window),
  dimensions: count('hashing vectorizer dimensions', EMBEDDING_DRIFT_DEFAULTS.dimensions),
  minRelativeDrop: probability(
    'smallest relative drop of mean cosine to the baseline centroid that is tested',
    EMBEDDING_DRIFT_DEFAULTS.minRelativeDrop,
  ),
  alpha: probability('MMD permutation test significance level', EMBEDDING_DRIFT_DEFAULTS.alpha),
};

interface EmbeddingState {
  baseline: string[];
  window: string[];
  windowStartMs?: number;
}

/**
 * Drift of user queries' meaning: hashed embeddings of the `query` metric, a mean-embedding
 * cosine shift gate, then MMD with a permutation test.
 *
 * @example
 * createEmbeddingDriftDetector(resolveMetric('query'), {});
 */
export function createEmbeddingDriftDetector(
  metric: Metric,
  params: DetectorParams,
  saved?: unknown,
): Detector {
  if (metric.kind !== 'text') throw new TypeError(`${metric.name} is not a text metric`);
  const d = EMBEDDING_DRIFT_DEFAULTS;
  const baselineSize = numberParam(params, 'baselineSize', d.baselineSize);
  const windowSize = numberParam(params, 'window', d.window);
  const dimensions = numberParam(params, 'dimensions', d.dimensions);
  const minDrop = numberParam(params, 'minRelativeDrop', d.minRelativeDrop);
  const alpha = numberParam(params, 'alpha', d.alpha);
  const s: EmbeddingState = (saved as EmbeddingState | undefined) ?? { baseline: [], window: [] };
  let reference: number[][] | undefined;
  const embed = (texts: string[]): number[][] =>
    texts.map((t) => hashingVectorize(t, { dimensions }));
  return {
    observe(o) {
      const text = metric.read(o);
      if (text === undefined || text.trim() === '') return {};
      if (s.baseline.length < baselineSize) {
        s.baseline.push(text);
        return {};
      }
      if (s.window.length === 0) s.windowStartMs = o.eventMs;
      s.window.push(text);
      if (s.window.length < windowSize) return {};
      const texts = s.window;
      const startMs = s.windowStartMs ?? o.eventMs;
      s.window = [];
      reference ??= embed(s.baseline);
      const current = embed(texts);
      const shift = meanEmbeddingShift(reference, current);
      const drop =
        (shift.referenceMeanCosine - shift.currentMeanCosine) / shift.referenceMeanCosine;
      const point = { atMs: o.eventMs, statistic: drop, threshold: minDrop };
      if (drop < minDrop) return { point };
      const mmd = mmdTest(reference, current, { seed: 7, permutations: 200, maxPerSide: 150 });
      if (mmd.pValue > alpha) return { point };
      return {
        point,
        alarm: {
          statistic: drop,
          threshold: minDrop,
          baseline: { meanCosine: shift.referenceMeanCosine, queries: s.baseline.length },
          current: {
            meanCosine: shift.currentMeanCosine,
            centroidCosine: shift.centroidCosine,
            mmd2: mmd.mmd2,
            mmdPValue: mmd.pValue,
          },
          message: `user queries drifted: mean cosine to the baseline ${shift.referenceMeanCosine.toFixed(2)} -> ${shift.currentMeanCosine.toFixed(2)} (MMD p = ${mmd.pValue.toFixed(3)})`,
          onsetMs: startMs,
        },
      };
    },
    readiness: () => baselineReadiness(s.baseline.length, baselineSize),
    state: () => ({
      baseline: [...s.baseline],
      window: [...s.window],
      ...(s.windowStartMs === undefined ? {} : { windowStartMs: s.windowStartMs }),
    }),
  };
}
