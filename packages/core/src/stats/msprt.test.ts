import { describe, expect, it } from 'vitest';
import { createMsprt, msprtEvaluate } from './msprt.js';
import { createRng } from './prng.js';
import { normalSf } from './normal.js';

function integratedLr(theta: number, v: number, tau: number): number {
  // ∫ N(θ̂; θ, V) / N(θ̂; 0, V) · N(θ; 0, τ²) dθ by the trapezoid rule.
  const step = tau / 400;
  let sum = 0;
  for (let t = -12 * tau; t <= 12 * tau; t += step) {
    const ratio = Math.exp((theta * t - (t * t) / 2) / v);
    sum += (ratio * Math.exp(-(t * t) / (2 * tau * tau))) / (tau * Math.sqrt(2 * Math.PI));
  }
  return sum * step;
}

describe('mSPRT for two proportions', () => {
  it('closed-form mixture likelihood ratio equals numerical integration over the prior', () => {
    const c = { successes: 50, trials: 1000 };
    const t = { successes: 72, trials: 900 };
    const sc = 50.5 / 1001;
    const st = 72.5 / 901;
    const v = (sc * (1 - sc)) / 1000 + (st * (1 - st)) / 900;
    const r = msprtEvaluate(c, t, { tau: 0.03 });
    expect(r.difference).toBeCloseTo(0.08 - 0.05, 14);
    expect(r.likelihoodRatio).toBeCloseTo(integratedLr(0.03, v, 0.03), 6);
    expect(r.pValue).toBeCloseTo(1 / r.likelihoodRatio, 12);
  });
  it('keeps the false-positive rate at alpha under continuous peeking, unlike a naive z-test', () => {
    const rng = createRng(31);
    let msprtRejections = 0;
    let naiveRejections = 0;
    const sims = 200;
    for (let s = 0; s < sims; s++) {
      const test = createMsprt({ alpha: 0.05 });
      let naive = false;
      const tot = { c: 0, t: 0, n: 0 };
      for (let look = 0; look < 40; look++) {
        let c = 0;
        let t = 0;
        for (let i = 0; i < 50; i++) {
          if (rng.next() < 0.1) c++;
          if (rng.next() < 0.1) t++;
        }
        tot.c += c;
        tot.t += t;
        tot.n += 50;
        test.update({ successes: c, trials: 50 }, { successes: t, trials: 50 });
        const pooled = (tot.c + tot.t) / (2 * tot.n);
        const z = (tot.t - tot.c) / tot.n / Math.sqrt((pooled * (1 - pooled) * 2) / tot.n);
        if (2 * normalSf(Math.abs(z)) < 0.05) naive = true;
      }
      if (test.state.pValue <= 0.05) msprtRejections++;
      if (naive) naiveRejections++;
    }
    expect(msprtRejections / sims).toBeLessThanOrEqual(0.06);
    expect(naiveRejections / sims).toBeGreaterThan(0.12);
  });
  it('detects a real lift and never raises its p-value', () => {
    const rng = createRng(32);
    const test = createMsprt();
    let last = 1;
    let rejectedAt = -1;
    for (let look = 0; look < 40 && rejectedAt < 0; look++) {
      let c = 0;
      let t = 0;
      for (let i = 0; i < 100; i++) {
        if (rng.next() < 0.05) c++;
        if (rng.next() < 0.1) t++;
      }
      const step = test.update({ successes: c, trials: 100 }, { successes: t, trials: 100 });
      expect(step.alwaysValidPValue).toBeLessThanOrEqual(last);
      last = step.alwaysValidPValue;
      if (step.reject) rejectedAt = look;
    }
    expect(rejectedAt).toBeGreaterThanOrEqual(0);
    const restored = createMsprt({}, JSON.parse(JSON.stringify(test.state)));
    expect(restored.state).toEqual(test.state);
  });
  it('rejects bad counts and options', () => {
    expect(msprtEvaluate({ successes: 0, trials: 0 }, { successes: 1, trials: 2 }).pValue).toBe(1);
    expect(() => msprtEvaluate({ successes: 3, trials: 2 }, { successes: 1, trials: 2 })).toThrow(
      /control.successes/,
    );
    expect(() => createMsprt({ alpha: 1 })).toThrow(/alpha/);
    expect(() =>
      msprtEvaluate({ successes: 1, trials: 2 }, { successes: 1, trials: 2 }, { tau: 0 }),
    ).toThrow(/tau/);
  });
});
