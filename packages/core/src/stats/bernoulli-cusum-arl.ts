import { invalid, requirePositive, requireProbability } from './stats-error.js';
import { resolveRateCusum, type RateCusumOptions } from './binomial-cusum.js';

/** Largest banded system (entries) the Markov-chain method will build before falling back. */
const MAX_BAND_ENTRIES = 8_000_000;

export interface ArlResult {
  /** Expected number of observations until the first alarm, starting from S = 0. */
  readonly arl: number;
  readonly method: 'markov-chain' | 'siegmund';
}

/**
 * Average run length of a Bernoulli CUSUM when the true rate is `p` (default p0, giving the
 * in-control ARL0). The statistic is discretized on a grid fine enough that the larger LLR
 * step spans >= 60 cells and the smaller one is an exact number of cells; the ARL then
 * solves (I - P) L = 1 over the transient states (banded Gaussian elimination). Extremely
 * small rates whose grid would be too large use Siegmund's approximation instead,
 * ARL ≈ (e^{θh} - θh - 1) / (-θ·μ), with μ the mean LLR increment and θ ≠ 0 solving
 * E[e^{θ·increment}] = 1.
 *
 * Reference: Brook & Evans (1972), Biometrika 59:539; Siegmund (1985), Sequential Analysis, ch. X.
 *
 * @example
 * bernoulliCusumArl({ p0: 0.05, p1: 0.075, h: 4 }).arl; // ≈ 11 000
 * bernoulliCusumArl({ p0: 0.05, p1: 0.075, h: 4 }, 0.1).arl; // ≈ 227
 */
export function bernoulliCusumArl(options: RateCusumOptions, p?: number): ArlResult {
  const c = resolveRateCusum(options);
  const rate = p ?? c.p0;
  requireProbability('p', rate);
  const a = c.eventWeight;
  const b = c.nonEventWeight;
  const small = Math.min(Math.abs(a), Math.abs(b));
  const ratio = Math.max(Math.abs(a), Math.abs(b)) / small;
  const cellsInSmall = ratio >= 60 ? 1 : Math.ceil(60 / ratio);
  const delta = small / cellsInSmall;
  const stepEvent = Math.round(a / delta);
  const stepNonEvent = Math.round(b / delta);
  const n = Math.ceil(c.h / delta);
  const lower = Math.max(0, -Math.min(stepEvent, stepNonEvent));
  const upper = Math.max(0, stepEvent, stepNonEvent);
  if (n * (lower + upper + 1) > MAX_BAND_ENTRIES) {
    return { arl: siegmundArl(a, b, c.h, rate), method: 'siegmund' };
  }
  return {
    arl: markovChainArl(n, lower, upper, stepEvent, stepNonEvent, rate),
    method: 'markov-chain',
  };
}

function markovChainArl(
  n: number,
  lower: number,
  upper: number,
  sEvent: number,
  sNon: number,
  p: number,
): number {
  const w = lower + upper + 1;
  const band = new Float64Array(n * w);
  const at = (i: number, j: number): number => i * w + (j - i + lower);
  const rhs = new Float64Array(n).fill(1);
  for (let i = 0; i < n; i++) {
    band[at(i, i)] = 1;
    for (const [step, prob] of [
      [sEvent, p],
      [sNon, 1 - p],
    ] as const) {
      const j = Math.max(0, i + step);
      if (j < n) band[at(i, j)] = (band[at(i, j)] as number) - prob;
    }
  }
  // I - P is a nonsingular M-matrix, so elimination without pivoting is stable.
  for (let k = 0; k < n; k++) {
    const pivot = band[at(k, k)] as number;
    for (let i = k + 1; i <= Math.min(n - 1, k + lower); i++) {
      const f = (band[at(i, k)] as number) / pivot;
      if (f === 0) continue;
      for (let j = k; j <= Math.min(n - 1, k + upper); j++) {
        band[at(i, j)] = (band[at(i, j)] as number) - f * (band[at(k, j)] as number);
      }
      rhs[i] = (rhs[i] as number) - f * (rhs[k] as number);
    }
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = rhs[i] as number;
    for (let j = i + 1; j <= Math.min(n - 1, i + upper); j++)
      s -= (band[at(i, j)] as number) * (x[j] as number);
    x[i] = s / (band[at(i, i)] as number);
  }
  return x[0] as number;
}

function siegmundArl(a: number, b: number, h: number, p: number): number {
  const mu = p * a + (1 - p) * b;
  const mgf = (t: number): number => p * Math.exp(t * a) + (1 - p) * Math.exp(t * b) - 1;
  if (Math.abs(mu) < 1e-15) return (h * h) / (p * a * a + (1 - p) * b * b);
  // The non-zero root of the mgf equation has the sign opposite to the drift.
  let lo = mu < 0 ? 1e-9 : -1;
  let hi = mu < 0 ? 1 : -1e-9;
  if (mu < 0) while (mgf(hi) < 0) hi *= 2;
  else while (mgf(lo) < 0) lo *= 2;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    const positive = mgf(mid) > 0;
    if (mu < 0 ? positive : !positive) hi = mid;
    else lo = mid;
  }
  const theta = (lo + hi) / 2;
  return (Math.exp(theta * h) - theta * h - 1) / (-theta * mu);
}

/**
 * Smallest threshold h (to ±0.01) whose in-control ARL reaches `targetArl0` observations.
 * For a binomial CUSUM over buckets of n requests, the ARL in buckets is about ARL / n.
 *
 * @example
 * chooseBernoulliCusumThreshold({ p0: 0.05, targetArl0: 11_000 }); // ≈ 4.0
 */
export function chooseBernoulliCusumThreshold(options: {
  readonly p0: number;
  readonly p1?: number;
  readonly targetArl0: number;
}): number {
  requirePositive('targetArl0', options.targetArl0);
  if (options.targetArl0 < 2) throw invalid('targetArl0 must be at least 2 observations');
  const arlAt = (h: number): number => bernoulliCusumArl({ p0: options.p0, p1: options.p1, h }).arl;
  let lo = 0.01;
  let hi = 2;
  while (arlAt(hi) < options.targetArl0) {
    hi *= 2;
    if (hi > 200) throw invalid(`targetArl0 ${options.targetArl0} is out of reach`);
  }
  while (hi - lo > 0.01) {
    const mid = (lo + hi) / 2;
    if (arlAt(mid) >= options.targetArl0) hi = mid;
    else lo = mid;
  }
  return Math.round(hi * 100) / 100;
}
