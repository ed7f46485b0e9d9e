import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './wilson-interval.js';
import { StatsError } from './stats-error.js';

describe('wilsonInterval', () => {
  it('reproduces Newcombe (1998) Table I, 81/263, method 3: 0.2553 to 0.3662', () => {
    const ci = wilsonInterval(81, 263);
    expect(ci.lower).toBeCloseTo(0.2552885198782742, 12); // scipy 1.17.1 proportion_ci('wilson')
    expect(ci.upper).toBeCloseTo(0.36620957698280004, 12);
    expect(ci.estimate).toBeCloseTo(81 / 263, 15);
  });
  it('handles zero successes (scipy: 90 % interval for 0/10 is [0, 0.21294])', () => {
    const ci = wilsonInterval(0, 10, 0.9);
    expect(ci.lower).toBe(0);
    expect(ci.upper).toBeCloseTo(0.21294197008340698, 12);
  });
  it('is symmetric under x -> n - x', () => {
    const a = wilsonInterval(3, 17);
    const b = wilsonInterval(14, 17);
    expect(a.lower).toBeCloseTo(1 - b.upper, 14);
  });
  it('rejects impossible counts', () => {
    expect(() => wilsonInterval(3, 2)).toThrow(/exceed/);
    expect(() => wilsonInterval(1, 0)).toThrow(StatsError);
    expect(() => wilsonInterval(1.5, 4)).toThrow(/integer/);
  });
});
