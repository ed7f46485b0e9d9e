import { describe, expect, it } from 'vitest';
import { bernoulliCusumArl, chooseBernoulliCusumThreshold } from '../stats/bernoulli-cusum-arl.js';
import { createRng } from '../stats/prng.js';
import { makeObservation } from '../../test/detect/observation-factory.js';
import { defaultDirection } from './direction.js';
import { resolveMetric } from './metric-catalog.js';
import { checkMonitor } from './monitor.js';
import { createRateCusumDetector, designRate } from './rate-cusum-detector.js';
import { cachedThresholds, rateThreshold } from './rate-threshold.js';
import type { DetectorParams } from './detector.js';

const refusal = resolveMetric('refusal_rate');

/** Index of the first alarm of a refusal stream whose rate is rateAt(i), or undefined. */
function firstAlarm(
  params: DetectorParams,
  rateAt: (i: number) => number,
  n: number,
  seed: number,
): { index: number; direction: unknown } | undefined {
  const rng = createRng(seed);
  const d = createRateCusumDetector(refusal, params);
  for (let i = 0; i < n; i++) {
    const step = d.observe(
      makeObservation({ traceId: `t${i}`, eventMs: i * 1000, refusal: rng.next() < rateAt(i) }),
    );
    if (step.alarm) return { index: i, direction: step.alarm.current.direction };
  }
  return undefined;
}

describe('rate charts in both directions', () => {
  it('default to both for refusal, escalation and tool-call rates, up for errors and cost', () => {
    expect(defaultDirection('refusal_rate')).toBe('both');
    expect(defaultDirection('escalation_rate')).toBe('both');
    expect(defaultDirection('tool_call_rate')).toBe('both');
    expect(defaultDirection('error_rate')).toBe('up');
    expect(defaultDirection('cost_usd')).toBe('up');
    expect(defaultDirection('latency_ms')).toBe('up');
  });

  it('detect a refusal drop from 20 % to 2 % by default, and not when told to watch rises only', () => {
    const rate = (i: number): number => (i < 3000 ? 0.2 : 0.02);
    const both = firstAlarm({}, rate, 6000, 11);
    expect(both?.direction).toBe('down');
    expect(both?.index).toBeGreaterThanOrEqual(3000);
    expect((both?.index ?? Infinity) - 3000).toBeLessThan(200);
    expect(firstAlarm({ direction: 'up' }, rate, 6000, 11)).toBeUndefined();
  });

  it('still detect a rise with both sides running', () => {
    const hit = firstAlarm({}, (i) => (i < 3000 ? 0.05 : 0.15), 6000, 12);
    expect(hit?.direction).toBe('up');
    expect((hit?.index ?? Infinity) - 3000).toBeLessThan(300);
  });

  it('keep the in-control run length of a two-sided chart at targetArl0 (simulated)', () => {
    const targetArl0 = 1000;
    const runs: number[] = [];
    for (let r = 0; r < 300; r++) {
      const hit = firstAlarm({ p0: 0.2, targetArl0 }, () => 0.2, 50 * targetArl0, 1000 + r);
      runs.push((hit?.index ?? 50 * targetArl0) + 1);
    }
    const mean = runs.reduce((a, b) => a + b, 0) / runs.length;
    // 300 roughly exponential run lengths: the mean is within ±12 % with high probability.
    expect(mean).toBeGreaterThan(0.8 * targetArl0);
    expect(mean).toBeLessThan(1.25 * targetArl0);
    // Each side alone is calibrated at twice the budget, so it would alarm half as often.
    const h = rateThreshold(0.2, 0.3, 2 * targetArl0, 'up');
    expect(h).toBeGreaterThan(rateThreshold(0.2, 0.3, targetArl0, 'up'));
  });

  it('compute thresholds when arming, never per request', () => {
    const d = createRateCusumDetector(refusal, { baselineSize: 200, maxBaselineSize: 200 });
    const rng = createRng(5);
    const observe = (i: number): void => {
      d.observe(makeObservation({ traceId: `t${i}`, eventMs: i, refusal: rng.next() < 0.3 }));
    };
    for (let i = 0; i < 200; i++) observe(i);
    const cached = cachedThresholds();
    for (let i = 200; i < 5000; i++) observe(i);
    expect(cachedThresholds()).toBe(cached);
  });

  it('leave out the downward side when the rate is too low to fall', () => {
    const hit = firstAlarm({}, (i) => (i < 1000 ? 0.001 : 0), 30_000, 13);
    expect(hit).toBeUndefined();
  });

  it('reject an unknown direction, naming the parameter', () => {
    expect(() =>
      checkMonitor({
        id: 'r',
        metric: 'refusal_rate',
        detector: 'bernoulli_cusum',
        params: { direction: 'sideways' },
      }),
    ).toThrow(/params\.direction: must be one of auto, up, down, both/);
  });
});

describe('rateThreshold', () => {
  it.each([
    [0.2, 0.3, 10_000],
    [0.05, 0.075, 1_000_000],
    [0.6, 0.4, 200_000],
  ])('agrees with bisection for p0 %s, p1 %s, ARL0 %s', (p0, p1, arl0) => {
    const h = rateThreshold(p0, p1, arl0, p1 > p0 ? 'up' : 'down');
    expect(Math.abs(h - chooseBernoulliCusumThreshold({ p0, p1, targetArl0: arl0 }))).toBeLessThan(
      0.03,
    );
    expect(bernoulliCusumArl({ p0, p1, h }).arl).toBeGreaterThanOrEqual(arl0);
  });
});

describe('design rates', () => {
  it('scale the odds, so a rise from a large rate stays reachable', () => {
    expect(designRate(0.01, 1.5, 'up')).toBeCloseTo(0.01493, 4);
    expect(designRate(0.6, 1.5, 'up')).toBeCloseTo(0.6923, 4);
    expect(designRate(0.6, 1.5, 'down')).toBeCloseTo(0.5, 10);
    expect(() => designRate(0, 1.5, 'up')).toThrow(/p0 must be in \(0, 1\), got 0/);
    expect(() => designRate(0.2, 1, 'up')).toThrow(/p1Ratio must be above 1, got 1/);
  });

  it('detect a refusal rise from 55 % to 77 %', () => {
    const hit = firstAlarm({}, (i) => (i < 3000 ? 0.55 : 0.77), 6000, 21);
    expect(hit?.direction).toBe('up');
    expect(hit?.index).toBeGreaterThanOrEqual(3000);
    expect((hit?.index ?? Infinity) - 3000).toBeLessThan(300);
  });
});
