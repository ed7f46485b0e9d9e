import { describe, expect, it } from 'vitest';
import { msprtEvaluate } from '../stats/index.js';
import { canaryBoundary } from './canary-boundary.js';

const state = (c: [number, number], t: [number, number]) => ({
  control: { successes: c[0], trials: c[1] },
  treatment: { successes: t[0], trials: t[1] },
  pValue: 1,
});

describe('canaryBoundary', () => {
  it('has no boundary before both arms have outcomes', () => {
    const b = canaryBoundary(state([0, 0], [3, 10]), 0.01, 0.05);
    expect(b.boundaryDifference).toBeUndefined();
    expect(b.threshold).toBe(100);
  });

  it('puts the boundary exactly where the likelihood ratio reaches 1 / alpha', () => {
    const b = canaryBoundary(state([50, 1000], [60, 1000]), 0.01, 0.05);
    expect(b.difference).toBeCloseTo(0.01, 12);
    expect(b.likelihoodRatio).toBeLessThan(100);
    // The variance is evaluated at the current counts, so Λ at θ = boundary is 1 / alpha.
    const v = (0.5 + 50) / 1001;
    const w = (0.5 + 60) / 1001;
    const variance = (v * (1 - v)) / 1000 + (w * (1 - w)) / 1000;
    const t2 = 0.0025;
    const theta = b.boundaryDifference!;
    const lr =
      Math.sqrt(variance / (variance + t2)) *
      Math.exp((t2 * theta * theta) / (2 * variance * (variance + t2)));
    expect(lr).toBeCloseTo(100, 6);
    expect(theta).toBeGreaterThan(0.01);
  });

  it('narrows as samples grow', () => {
    const small = canaryBoundary(state([5, 100], [5, 100]), 0.01, 0.05).boundaryDifference!;
    const large = canaryBoundary(
      state([500, 10_000], [500, 10_000]),
      0.01,
      0.05,
    ).boundaryDifference!;
    expect(large).toBeLessThan(small);
  });

  it('reports the same likelihood ratio as the test itself', () => {
    const s = state([20, 400], [45, 400]);
    expect(canaryBoundary(s, 0.05, 0.05).likelihoodRatio).toBeCloseTo(
      msprtEvaluate(s.control, s.treatment, { tau: 0.05 }).likelihoodRatio,
      12,
    );
  });
});
