import { describe, expect, it } from 'vitest';
import { createBernoulliCusum, runBernoulliCusum } from './bernoulli-cusum.js';
import { createBinomialCusum, runBinomialCusum } from './binomial-cusum.js';
import { bernoulliCusumArl, chooseBernoulliCusumThreshold } from './bernoulli-cusum-arl.js';
import { createRng } from './prng.js';

const up = Math.log(1.5);
const down = Math.log(0.925 / 0.95);

function runLength(p: number, seed: number, h = 4): number {
  const rng = createRng(seed);
  const cusum = createBernoulliCusum({ p0: 0.05, h });
  for (let t = 1; ; t++) if (cusum.update(rng.next() < p).alarm) return t;
}

describe('Bernoulli CUSUM', () => {
  it('accumulates log-likelihood ratios and floors at zero', () => {
    const c = createBernoulliCusum({ p0: 0.05 });
    expect(c.config.p1).toBeCloseTo(0.075, 15);
    expect(c.update(false).statistic).toBe(0);
    expect(c.update(true).statistic).toBeCloseTo(up, 14);
    expect(c.update(0).statistic).toBeCloseTo(up + down, 14);
  });
  it('alarms after ten straight events (10 ln 1.5 > 4), resets, and reports the index', () => {
    const outcomes = [...Array(9).fill(1), 1, 0, 0] as (0 | 1)[];
    const run = runBernoulliCusum(outcomes, { p0: 0.05, h: 4 });
    expect(run.firstAlarm).toBe(9);
    expect(run.statistics[9]).toBeCloseTo(10 * up, 12);
    expect(run.statistics[10]).toBe(0);
    const noReset = runBernoulliCusum(outcomes, { p0: 0.05, h: 4, resetOnAlarm: false });
    expect(noReset.alarms).toEqual([9, 10, 11]);
  });
  it('state round-trips through JSON', () => {
    const a = createBernoulliCusum({ p0: 0.1 });
    [1, 1, 0, 1].forEach((y) => a.update(y as 0 | 1));
    const b = createBernoulliCusum({ p0: 0.1 }, JSON.parse(JSON.stringify(a.state)));
    expect(b.update(1)).toEqual(a.update(1));
  });
  it('rejects bad options and outcomes', () => {
    expect(() => createBernoulliCusum({ p0: 0 })).toThrow(/p0/);
    expect(() => createBernoulliCusum({ p0: 0.5, p1: 0.5 })).toThrow(/differ/);
    expect(() => createBernoulliCusum({ p0: 0.7 })).toThrow(/p1/);
    expect(() => createBernoulliCusum({ p0: 0.1 }).update(2 as 1)).toThrow(/outcome/);
  });
});

describe('binomial CUSUM', () => {
  it('equals the Bernoulli CUSUM fed the same requests', () => {
    const rng = createRng(7);
    const bern = createBernoulliCusum({ p0: 0.05, resetOnAlarm: false });
    const bin = createBinomialCusum({ p0: 0.05, resetOnAlarm: false });
    for (let bucket = 0; bucket < 20; bucket++) {
      let events = 0;
      let last = 0;
      for (let i = 0; i < 50; i++) {
        const y = rng.next() < 0.08;
        events += y ? 1 : 0;
        last = bern.update(y).statistic;
      }
      // Equal only while the Bernoulli path never hits the zero floor inside a bucket.
      const b = bin.update(events, 50).statistic;
      expect(b).toBeLessThanOrEqual(last + 1e-9);
    }
  });
  it('flags a bucket with a jump in rate', () => {
    const run = runBinomialCusum([5, 4, 6, 20], [100, 100, 100, 100], { p0: 0.05 });
    expect(run.firstAlarm).toBe(3);
    expect(() => runBinomialCusum([3], [2], { p0: 0.05 })).toThrow(/exceed/);
    expect(() => runBinomialCusum([3], [], { p0: 0.05 })).toThrow(/length/);
  });
});

describe('Bernoulli CUSUM run lengths (REFERENCE §4: p0 .05, p1 .075, h 4)', () => {
  const mc0 = bernoulliCusumArl({ p0: 0.05, p1: 0.075, h: 4 });
  const mc1 = bernoulliCusumArl({ p0: 0.05, p1: 0.075, h: 4 }, 0.1);
  it('Markov chain gives about 11k in control and about 230 at p = .10', () => {
    expect(mc0.method).toBe('markov-chain');
    expect(mc0.arl).toBeGreaterThan(10_000);
    expect(mc0.arl).toBeLessThan(12_000);
    expect(mc1.arl).toBeGreaterThan(210);
    expect(mc1.arl).toBeLessThan(250);
  });
  it('a seeded simulation agrees with the Markov chain', () => {
    const out = Array.from({ length: 1500 }, (_, i) => runLength(0.1, 1000 + i));
    const mean1 = out.reduce((s, x) => s + x, 0) / out.length;
    expect(Math.abs(mean1 - mc1.arl) / mc1.arl).toBeLessThan(0.06);
    const ic = Array.from({ length: 80 }, (_, i) => runLength(0.05, 5000 + i));
    const mean0 = ic.reduce((s, x) => s + x, 0) / ic.length;
    expect(Math.abs(mean0 - mc0.arl) / mc0.arl).toBeLessThan(0.3);
  });
  it('falls back to Siegmund for very small rates, exact form (e^h - h - 1)/KL in control', () => {
    const p0 = 1e-5;
    const p1 = 1.5e-5;
    const kl = p0 * Math.log(p0 / p1) + (1 - p0) * Math.log((1 - p0) / (1 - p1));
    const r = bernoulliCusumArl({ p0, h: 4 });
    expect(r.method).toBe('siegmund');
    expect(r.arl / 1e6).toBeCloseTo((Math.exp(4) - 5) / kl / 1e6, 6);
  });
  it('chooses h for a target ARL0 and ARL grows with h', () => {
    const h = chooseBernoulliCusumThreshold({ p0: 0.05, targetArl0: mc0.arl });
    expect(h).toBeGreaterThan(3.95);
    expect(h).toBeLessThan(4.05);
    expect(bernoulliCusumArl({ p0: 0.05, h: 5 }).arl).toBeGreaterThan(mc0.arl * 2);
    expect(() => chooseBernoulliCusumThreshold({ p0: 0.05, targetArl0: 1 })).toThrow(/at least/);
  });
  it('watches drops when p1 < p0', () => {
    const arl = bernoulliCusumArl({ p0: 0.2, p1: 0.1, h: 3 });
    const drop = bernoulliCusumArl({ p0: 0.2, p1: 0.1, h: 3 }, 0.1);
    expect(drop.arl).toBeLessThan(arl.arl / 5);
  });
});
