import { describe, expect, it } from 'vitest';
import { binomialTest } from './binomial-test.js';

describe('binomialTest', () => {
  it('matches the R binom.test documentation example (682 of 925, p = 3/4): p = 0.3825', () => {
    expect(binomialTest(682, 925, 0.75).pValue).toBeCloseTo(0.3824915595748517, 10); // scipy binomtest
  });
  it('matches exact sums for a fair coin', () => {
    // P(X <= 3) for Bin(20, .5) = (1 + 20 + 190 + 1140) / 2^20, doubled by symmetry.
    expect(binomialTest(3, 20).pValue).toBeCloseTo((2 * 1351) / 2 ** 20, 14);
  });
  it('one-sided and asymmetric two-sided match scipy.stats.binomtest (1.17.1)', () => {
    expect(binomialTest(3, 20, 0.05, 'greater').pValue).toBeCloseTo(0.07548367378849626, 12);
    expect(binomialTest(0, 10, 0.1).pValue).toBeCloseTo(0.6125795109999999, 12);
    expect(binomialTest(20, 20, 0.5, 'less').pValue).toBeCloseTo(1, 12);
  });
  it('rejects bad input', () => {
    expect(() => binomialTest(5, 4)).toThrow(/exceed/);
    expect(() => binomialTest(1, 4, 2)).toThrow(/p0/);
  });
});
