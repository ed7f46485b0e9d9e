import type { Detector, DetectorKind, DetectorParams } from './detector.js';
import type { ParamSpecs } from './detector-params.js';
import { createDominanceDetector, DOMINANCE_PARAMS } from './dominance-detector.js';
import {
  createEmbeddingDriftDetector,
  EMBEDDING_DRIFT_PARAMS,
} from './embedding-drift-detector.js';
import type { Metric } from './metric-catalog.js';
import { createNewValueDetector, NEW_VALUE_PARAMS } from './new-value-detector.js';
import { createRateCusumDetector, RATE_CUSUM_PARAMS } from './rate-cusum-detector.js';
import { createShareShiftDetector, SHARE_SHIFT_PARAMS } from './share-shift-detector.js';
import {
  createValueChartDetector,
  EWMA_PARAMS,
  TABULAR_CUSUM_PARAMS,
} from './value-chart-detector.js';

/** What the monitor layer needs to know of one detector. */
export interface DetectorEntry {
  /** The metric kinds it can watch. */
  metricKinds: readonly Metric['kind'][];
  params: ParamSpecs;
  create(metric: Metric, params: DetectorParams, saved?: unknown): Detector;
}

/**
 * Every detector a monitor can run, with the metrics it watches and the parameters it
 * declares: monitor validation and evaluation both read it, so the two cannot disagree.
 *
 * @example
 * DETECTORS.ewma.params.lambda; // { type: 'number', default: 0.2, ... }
 */
export const DETECTORS: Readonly<Record<DetectorKind, DetectorEntry>> = {
  bernoulli_cusum: {
    metricKinds: ['rate'],
    params: RATE_CUSUM_PARAMS,
    create: createRateCusumDetector,
  },
  ewma: {
    metricKinds: ['value'],
    params: EWMA_PARAMS,
    create: (metric, params, saved) => createValueChartDetector('ewma', metric, params, saved),
  },
  tabular_cusum: {
    metricKinds: ['value'],
    params: TABULAR_CUSUM_PARAMS,
    create: (metric, params, saved) =>
      createValueChartDetector('tabular_cusum', metric, params, saved),
  },
  new_value: { metricKinds: ['share'], params: NEW_VALUE_PARAMS, create: createNewValueDetector },
  share_shift: {
    metricKinds: ['share'],
    params: SHARE_SHIFT_PARAMS,
    create: createShareShiftDetector,
  },
  dominance: { metricKinds: ['share'], params: DOMINANCE_PARAMS, create: createDominanceDetector },
  embedding_drift: {
    metricKinds: ['text'],
    params: EMBEDDING_DRIFT_PARAMS,
    create: createEmbeddingDriftDetector,
  },
};

/** The detectors declaring a parameter of this name, for "it belongs to ..." hints. */
export function detectorsWithParam(name: string): DetectorKind[] {
  return (Object.keys(DETECTORS) as DetectorKind[]).filter(
    (kind) => name in DETECTORS[kind].params,
  );
}
