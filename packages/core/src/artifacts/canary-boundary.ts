import { msprtEvaluate } from '../stats/index.js';
import type { CanaryMetricState } from './canary-gate.js';

/** Where one gate metric stands against the sequential test's kill boundary. */
export interface CanaryBoundary {
  controlRate: number;
  canaryRate: number;
  /** Canary rate minus control rate now. */
  difference: number;
  /** The mixture likelihood ratio Λ at this look; the gate kills once it reaches 1 / alpha. */
  likelihoodRatio: number;
  threshold: number;
  /**
   * The smallest rise of the canary's failure rate over control that would cross the boundary
   * at the current sample sizes (undefined before both arms have outcomes).
   */
  boundaryDifference?: number;
  /** The always-valid p-value so far (running minimum); killed when ≤ alpha and worse. */
  pValue: number;
}

const smoothed = (a: { successes: number; trials: number }) => (a.successes + 0.5) / (a.trials + 1);

/**
 * The kill boundary of one canary gate metric, for display: the mSPRT kills when
 * Λ = √(V/(V+τ²))·exp(τ²θ̂²/(2V(V+τ²))) ≥ 1/alpha, so at the current variance V the boundary
 * on the difference θ̂ is √(2V(V+τ²)/τ² · (ln(1/alpha) − ½ ln(V/(V+τ²)))).
 *
 * @example canaryBoundary(state.metrics.error, 0.01, 0.05).boundaryDifference // 0.021
 */
export function canaryBoundary(
  metric: CanaryMetricState,
  alpha: number,
  tau: number,
): CanaryBoundary {
  const { control, treatment } = metric;
  const rate = (a: { successes: number; trials: number }) =>
    a.trials === 0 ? 0 : a.successes / a.trials;
  const now = msprtEvaluate(control, treatment, { tau });
  const base = {
    controlRate: rate(control),
    canaryRate: rate(treatment),
    difference: rate(treatment) - rate(control),
    likelihoodRatio: now.likelihoodRatio,
    threshold: 1 / alpha,
    pValue: metric.pValue,
  };
  if (control.trials === 0 || treatment.trials === 0) return base;
  const sc = smoothed(control);
  const st = smoothed(treatment);
  const v = (sc * (1 - sc)) / control.trials + (st * (1 - st)) / treatment.trials;
  const t2 = tau * tau;
  const boundaryDifference = Math.sqrt(
    ((2 * v * (v + t2)) / t2) * (Math.log(1 / alpha) - 0.5 * Math.log(v / (v + t2))),
  );
  return { ...base, boundaryDifference };
}
