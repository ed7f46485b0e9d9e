// How early can a rate monitor arm honestly? (measured, not asserted)
// A Bernoulli CUSUM learns p0 from its first `n` requests as the one-sided 95 % Wilson upper
// bound (floored at 0.002) and chooses h for an in-control run length of one million requests.
// For a true rate p this enumerates every baseline count k ~ Binomial(n, p) exactly and
// reports, averaged over k: false alarms per million in-control requests (E[1 / ARL(p)]), the
// share of baselines whose p0 sits below p, and the mean and median run length to detect a
// doubling to 2p. Exact Markov-chain ARLs, no simulation; the baseline's later growth (p0
// re-estimated every 1,000 calm requests) is left out, so these numbers are for the time
// right after arming.
// Usage: node bench/arming-calibration.js [--sizes 200,1000 --rates 0.005,0.02,0.05,0.0827,0.2]
import {
  bernoulliCusumArl,
  chooseBernoulliCusumThreshold,
  wilsonInterval,
} from '@glassbox/core/stats';
import { benchOptions } from './lib/bench-options.js';

const options = benchOptions('arming-calibration.js', {
  sizes: {
    env: 'BENCH_ARMING_SIZES',
    default: '200,1000',
    kind: 'string',
    help: 'baseline sizes',
  },
  rates: {
    env: 'BENCH_ARMING_RATES',
    default: '0.005,0.02,0.05,0.0827,0.2',
    kind: 'string',
    help: 'true in-control rates',
  },
});
const TARGET = 1e6;
const RATIO = 1.5;
const MIN_P0 = 0.002;
const list = (s) => s.split(',').map(Number);

function logBinomial(n, k, p) {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log((n - k + i) / i);
  return s + k * Math.log(p) + (n - k) * Math.log(1 - p);
}
const thresholds = new Map();
function thresholdFor(p0) {
  if (!thresholds.has(p0))
    thresholds.set(
      p0,
      chooseBernoulliCusumThreshold({ p0, p1: Math.min(0.99, p0 * RATIO), targetArl0: TARGET }),
    );
  return thresholds.get(p0);
}
function weightedMedian(pairs) {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  let c = 0;
  for (const [v, w] of [...pairs].sort((a, b) => a[0] - b[0])) {
    c += w;
    if (c >= total / 2) return v;
  }
  return NaN;
}
const fmt = (x) => (x >= 1e6 ? x.toExponential(1) : x.toFixed(0));

console.log(
  '| baseline n | true p | false alarms per 1e6 requests | P(p0 < p) | delay to 2p: median | mean | with p0 known |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const n of list(options.sizes)) {
  for (const p of list(options.rates)) {
    let mass = 0;
    let far = 0;
    let below = 0;
    let delay = 0;
    const delays = [];
    for (let k = 0; k <= n; k++) {
      const w = Math.exp(logBinomial(n, k, p));
      if (w < 1e-7) continue;
      mass += w;
      const p0 = Number(
        Math.min(Math.max(MIN_P0, wilsonInterval(k, n, 0.9).upper), 0.95).toPrecision(3),
      );
      const chart = { p0, p1: Math.min(0.99, p0 * RATIO), h: thresholdFor(p0) };
      const d = bernoulliCusumArl(chart, Math.min(0.99, 2 * p)).arl;
      far += w / bernoulliCusumArl(chart, p).arl;
      if (p0 < p) below += w;
      delay += w * d;
      delays.push([d, w]);
    }
    const p0 = Number(p.toPrecision(3));
    const known = bernoulliCusumArl(
      { p0, p1: p0 * RATIO, h: thresholdFor(p0) },
      Math.min(0.99, 2 * p),
    ).arl;
    console.log(
      `| ${n} | ${p} | ${((far / mass) * 1e6).toFixed(2)} | ${(below / mass).toFixed(3)} | ${fmt(weightedMedian(delays))} | ${fmt(delay / mass)} | ${fmt(known)} |`,
    );
  }
}
