import { chooseBernoulliCusumThreshold } from '../stats/bernoulli-cusum-arl.js';
import { createBernoulliCusum } from '../stats/bernoulli-cusum.js';
import type { RateCusumState } from '../stats/binomial-cusum.js';
import { wilsonInterval } from '../stats/wilson-interval.js';
import { baselineReadiness, numberParam, type Detector, type DetectorParams } from './detector.js';
import { count, positive, probability, type ParamSpecs } from './detector-params.js';
import type { Metric } from './metric-catalog.js';

/**
 * Defaults: armed after 1,000 baseline requests (REFERENCE asks >= 200; after 200 the false
 * alarms are four times the target, see docs/monitor-arming.md), the baseline keeps
 * growing while the chart is calm up to 20,000 requests (p0 re-estimated every 1,000), and an
 * in-control run length of one million requests per monitor.
 */
export const RATE_CUSUM_DEFAULTS = {
  baselineSize: 1000,
  maxBaselineSize: 20_000,
  targetArl0: 1_000_000,
  p1Ratio: 1.5,
  minP0: 0.002,
};

/** What a Bernoulli CUSUM monitor may set. */
export const RATE_CUSUM_PARAMS: ParamSpecs = {
  baselineSize: count('requests observed before the chart arms', RATE_CUSUM_DEFAULTS.baselineSize),
  maxBaselineSize: count(
    'calm requests the baseline keeps growing to',
    RATE_CUSUM_DEFAULTS.maxBaselineSize,
  ),
  targetArl0: {
    type: 'number',
    min: 2,
    default: RATE_CUSUM_DEFAULTS.targetArl0,
    description: 'in-control run length in requests that h is chosen for',
  },
  p1Ratio: {
    type: 'number',
    min: 1,
    exclusive: true,
    default: RATE_CUSUM_DEFAULTS.p1Ratio,
    description: 'the out-of-control rate to detect, as a multiple of p0',
  },
  p0: probability('in-control rate; estimated from the baseline when absent'),
  h: positive('decision threshold; chosen for targetArl0 when absent'),
};

interface RateState {
  n: number;
  events: number;
  p0?: number;
  h?: number;
  cusum?: RateCusumState;
  lastZeroMs?: number;
  /** The last 200 outcomes as '0'/'1', for the alert's "current" rate. */
  recent: string;
}

const thresholdCache = new Map<string, number>();
const REARM_EVERY = 1000;

function thresholdFor(p0: number, p1: number, targetArl0: number): number {
  const key = `${p0}:${p1}:${targetArl0}`;
  let h = thresholdCache.get(key);
  if (h === undefined) {
    h = chooseBernoulliCusumThreshold({ p0, p1, targetArl0 });
    if (thresholdCache.size > 2000) thresholdCache.clear();
    thresholdCache.set(key, h);
  }
  return h;
}

/**
 * Bernoulli CUSUM on a rate metric. p0 is the `p0` parameter, or the one-sided 95 % Wilson
 * upper bound of the baseline requests (an estimate from a short baseline must not sit
 * below the true rate, or false alarms multiply), floored at `minP0`; the baseline grows
 * with calm requests (statistic under h/2) up to `maxBaselineSize`. p1 = 1.5·p0;
 * h is chosen by the Markov-chain ARL so the in-control run length is `targetArl0`
 * requests, unless `h` is given.
 *
 * @example
 * const d = createRateCusumDetector(resolveMetric('error_rate'), { p0: 0.05 });
 * d.observe(obs); // { point, alarm? }
 */
export function createRateCusumDetector(
  metric: Metric,
  params: DetectorParams,
  saved?: unknown,
): Detector {
  if (metric.kind !== 'rate') throw new TypeError(`${metric.name} is not a rate`);
  const baselineSize = numberParam(params, 'baselineSize', RATE_CUSUM_DEFAULTS.baselineSize);
  const targetArl0 = numberParam(params, 'targetArl0', RATE_CUSUM_DEFAULTS.targetArl0);
  const ratio = numberParam(params, 'p1Ratio', RATE_CUSUM_DEFAULTS.p1Ratio);
  const maxBaselineSize = numberParam(
    params,
    'maxBaselineSize',
    RATE_CUSUM_DEFAULTS.maxBaselineSize,
  );
  const s: RateState = (saved as RateState | undefined) ?? { n: 0, events: 0, recent: '' };
  const fixedP0 = typeof params.p0 === 'number' ? params.p0 : undefined;
  const arm = (): void => {
    const estimate =
      fixedP0 ?? Math.max(RATE_CUSUM_DEFAULTS.minP0, wilsonInterval(s.events, s.n, 0.9).upper);
    const p0 = Number(Math.min(estimate, 0.95).toPrecision(3));
    const p1 = Math.min(0.99, p0 * ratio);
    s.p0 = p0;
    s.h = typeof params.h === 'number' ? params.h : thresholdFor(p0, p1, targetArl0);
  };
  if (s.p0 === undefined && fixedP0 !== undefined) arm();
  return {
    observe(o) {
      const event = metric.read(o);
      s.recent = (s.recent + (event ? '1' : '0')).slice(-200);
      if (s.p0 === undefined) {
        s.n += 1;
        s.events += Number(event);
        if (s.n >= baselineSize) arm();
        return {};
      }
      const p0 = s.p0;
      const h = s.h as number;
      const cusum = createBernoulliCusum({ p0, p1: Math.min(0.99, p0 * ratio), h }, s.cusum);
      const step = cusum.update(event);
      s.cusum = cusum.state;
      if (fixedP0 === undefined && s.n < maxBaselineSize && step.statistic < h / 2) {
        s.n += 1;
        s.events += Number(event);
        if (s.n % REARM_EVERY === 0) arm();
      }
      const point = { atMs: o.eventMs, statistic: step.statistic, threshold: h };
      if (!step.alarm) {
        if (step.statistic === 0 || s.lastZeroMs === undefined) s.lastZeroMs = o.eventMs;
        return { point };
      }
      const onsetMs = s.lastZeroMs ?? o.eventMs;
      s.lastZeroMs = o.eventMs;
      const current = s.recent.split('1').length / s.recent.length - 1 / s.recent.length;
      return {
        point,
        alarm: {
          statistic: step.statistic,
          threshold: h,
          baseline: { rate: p0, requests: s.n },
          current: { rate: current, requests: s.recent.length },
          message: `${metric.name} rose above its baseline ${(p0 * 100).toFixed(2)} % (recent ${(current * 100).toFixed(2)} %)`,
          onsetMs,
        },
      };
    },
    state: () => ({ ...s }),
    readiness: () =>
      s.p0 !== undefined
        ? { armed: true, seen: baselineSize, needed: baselineSize }
        : baselineReadiness(s.n, baselineSize),
  };
}
