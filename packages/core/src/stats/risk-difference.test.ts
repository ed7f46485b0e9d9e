import { describe, expect, it } from 'vitest';
import { riskDifference } from './risk-difference.js';
import { StatsError } from './stats-error.js';

describe('riskDifference', () => {
  it('reproduces Newcombe (1998) Table II, 56/70 - 48/80, method 10: 0.0524 to 0.3339', () => {
    const r = riskDifference(56, 70, 48, 80);
    expect(r.estimate).toBeCloseTo(0.2, 10);
    expect(r.lower).toBeCloseTo(0.0524, 4);
    expect(r.upper).toBeCloseTo(0.3339, 4);
  });

  it('reproduces Newcombe (1998) Table II, 10/10 - 0/10: 0.6075 to 1', () => {
    const r = riskDifference(10, 10, 0, 10);
    expect(r.lower).toBeCloseTo(0.6075, 4);
    expect(r.upper).toBe(1);
  });

  it('rejects impossible counts', () => {
    expect(() => riskDifference(3, 2, 0, 1)).toThrow(StatsError);
  });
});
