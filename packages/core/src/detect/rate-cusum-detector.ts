import type { RateCusumState } from '../stats/binomial-cusum.js';
import { wilsonInterval } from '../stats/wilson-interval.js';
import { baselineReadiness, numberParam, type Detector, type DetectorParams } from './detector.js';
import { DIRECTION_PARAM, directionOf } from './direction.js';
import { count, positive, probability, type ParamSpecs } from './detector-params.js';
import type { Metric } from './metric-catalog.js';
import { rateThreshold } from './rate-threshold.js';

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
  h: positive('decision threshold of each side; chosen for targetArl0 when absent'),
  direction: DIRECTION_PARAM,
};

/** One one-sided chart: `up` watches for a rise to p1, `down` for a fall to p1 (see designRate). */
interface Side {
  p0: number;
  p1: number;
  h: number;
  cusum?: RateCusumState;
  lastZeroMs?: number;
}

interface RateState {
  n: number;
  events: number;
  armed?: boolean;
  up?: Side;
  down?: Side;
  /** The last 200 outcomes as '0'/'1', for the alert's "current" rate. */
  recent: string;
}

/** A drop below this in-control rate is not watched: there is too little to fall from. */
export const MIN_DOWN_P0 = 0.01;
/** Nor a rise above this one: there is too little room to rise. */
export const MAX_UP_P0 = 0.95;
const REARM_EVERY = 1000;

/** p0 is snapped to a grid of 20 steps per decade (12 % apart) before h is chosen. */
const GRID_PER_DECADE = 20;

/**
 * p0 snapped to the grid away from the calm side's edge (up for the upward chart, down for
 * the downward one): conservative, and charts of many segments and re-arms on a steady
 * rate share a few thresholds instead of solving the Markov chain for each.
 */
function rounded(p: number, dir: 'up' | 'down'): number {
  const steps = Math.log10(Math.min(p, 0.95)) * GRID_PER_DECADE;
  const snapped = dir === 'up' ? Math.ceil(steps - 1e-9) : Math.floor(steps + 1e-9);
  return Number(Math.min(10 ** (snapped / GRID_PER_DECADE), 0.95).toPrecision(3));
}

/**
 * The rate a chart is designed to catch: the odds of p0 multiplied (up) or divided (down) by
 * `ratio`. For small rates that is about ratio·p0 or p0/ratio; for large ones it stays a
 * reachable move (p0 = 0.6 up: 0.69, not 0.9, which a rise to 0.77 would never approach).
 *
 * @example
 * designRate(0.6, 1.5, 'up'); // 0.692...
 */
export function designRate(p0: number, ratio: number, dir: 'up' | 'down'): number {
  if (!(p0 > 0 && p0 < 1)) throw new RangeError(`p0 must be in (0, 1), got ${p0}`);
  if (!(ratio > 1)) throw new RangeError(`p1Ratio must be above 1, got ${ratio}`);
  const odds = (p0 / (1 - p0)) * (dir === 'up' ? ratio : 1 / ratio);
  return Math.min(0.99, odds / (1 + odds));
}

/** Reads state saved before charts had two sides (p0, h and cusum of the upward one). */
function upgrade(saved: unknown): RateState | undefined {
  const old = saved as
    | (RateState & { p0?: number; h?: number; cusum?: RateCusumState; lastZeroMs?: number })
    | undefined;
  if (!old || old.armed !== undefined || old.p0 === undefined) return old;
  const { p0, h, cusum, lastZeroMs, ...rest } = old;
  const up: Side = { p0, p1: Math.min(0.99, p0 * RATE_CUSUM_DEFAULTS.p1Ratio), h: h as number };
  if (cusum) up.cusum = cusum;
  if (lastZeroMs !== undefined) up.lastZeroMs = lastZeroMs;
  return { ...rest, armed: true, up };
}

/**
 * Bernoulli CUSUM on a rate metric, watching rises, falls or both (`direction`; by default
 * both for refusal, escalation and tool-call rates, up otherwise). The upward chart's p0 is
 * the `p0` parameter or the one-sided 95 % Wilson upper bound of the baseline, floored at
 * `minP0`, and p1 has 1.5 times its odds (designRate); the downward chart's p0 is the Wilson
 * lower bound (an estimate from a short baseline must sit on the calm side of the true rate,
 * or false alarms multiply) and p1 has its odds divided by 1.5; it is left out when that bound is under 1 %, and the upward
 * one when its bound is over 95 %. Each side's h is
 * chosen by the Markov-chain ARL: for `targetArl0` requests, or 2·targetArl0 each when both
 * sides run, so the pair keeps the in-control run length. The baseline grows with calm
 * requests (statistics under h/2) up to `maxBaselineSize`, re-arming every 1,000.
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
  const direction = directionOf(metric.name, params.direction);
  const sideArl0 = direction === 'both' ? 2 * targetArl0 : targetArl0;
  const s: RateState = upgrade(saved) ?? { n: 0, events: 0, recent: '' };
  const fixedP0 = typeof params.p0 === 'number' ? params.p0 : undefined;
  const fixedH = typeof params.h === 'number' ? params.h : undefined;
  const side = (p0: number, p1: number, dir: 'up' | 'down', old?: Side): Side => {
    const next: Side = { p0, p1, h: fixedH ?? rateThreshold(p0, p1, sideArl0, dir) };
    if (old?.cusum) next.cusum = old.cusum;
    if (old?.lastZeroMs !== undefined) next.lastZeroMs = old.lastZeroMs;
    return next;
  };
  const arm = (): void => {
    s.armed = true;
    if (direction !== 'down') {
      const upper =
        fixedP0 ?? Math.max(RATE_CUSUM_DEFAULTS.minP0, wilsonInterval(s.events, s.n, 0.9).upper);
      const p0 = fixedP0 ?? rounded(upper, 'up');
      if (fixedP0 !== undefined || upper <= MAX_UP_P0) {
        s.up = side(p0, designRate(p0, ratio, 'up'), 'up', s.up);
      } else delete s.up;
    }
    if (direction !== 'up') {
      const lower = fixedP0 ?? wilsonInterval(s.events, s.n, 0.9).lower;
      const p0 = fixedP0 ?? (lower > 0 ? rounded(lower, 'down') : 0);
      if (p0 >= MIN_DOWN_P0) s.down = side(p0, designRate(p0, ratio, 'down'), 'down', s.down);
      else delete s.down;
    }
  };
  if (!s.armed && fixedP0 !== undefined) arm();
  // LLR increments per side, computed once per (p0, p1) rather than per request.
  const weights = new Map<Side, [number, number]>();
  const run = (c: Side, event: boolean, atMs: number): { statistic: number; alarm: boolean } => {
    let w = weights.get(c);
    if (!w) {
      w = [Math.log(c.p1 / c.p0), Math.log((1 - c.p1) / (1 - c.p0))];
      weights.set(c, w);
    }
    const prev = c.cusum ?? { statistic: 0, index: 0, lastAlarm: null };
    const statistic = Math.max(0, prev.statistic + (event ? w[0] : w[1]));
    const alarm = statistic > c.h;
    c.cusum = {
      statistic: alarm ? 0 : statistic,
      index: prev.index + 1,
      lastAlarm: alarm ? prev.index : prev.lastAlarm,
    };
    if (!alarm && (statistic === 0 || c.lastZeroMs === undefined)) c.lastZeroMs = atMs;
    return { statistic, alarm };
  };
  return {
    observe(o) {
      const event = metric.read(o);
      // Trimmed to the last 200 now and then rather than on every request.
      s.recent += event ? '1' : '0';
      if (s.recent.length > 400) s.recent = s.recent.slice(-200);
      if (!s.armed) {
        s.n += 1;
        s.events += Number(event);
        if (s.n >= baselineSize) arm();
        return {};
      }
      const up = s.up ? run(s.up, event, o.eventMs) : undefined;
      const down = s.down ? run(s.down, event, o.eventMs) : undefined;
      const upRatio = up && s.up ? up.statistic / s.up.h : -1;
      const downRatio = down && s.down ? down.statistic / s.down.h : -1;
      const calm = upRatio < 0.5 && downRatio < 0.5;
      if (fixedP0 === undefined && s.n < maxBaselineSize && calm) {
        s.n += 1;
        s.events += Number(event);
        if (s.n % REARM_EVERY === 0) arm();
      }
      // The side nearest its limit is the one charted and, on an alarm, reported.
      const [c, step] = upRatio >= downRatio ? [s.up, up] : [s.down, down];
      if (!c || !step) return {};
      const point = { atMs: o.eventMs, statistic: step.statistic, threshold: c.h };
      if (!step.alarm) return { point };
      const onsetMs = c.lastZeroMs ?? o.eventMs;
      c.lastZeroMs = o.eventMs;
      const recent = s.recent.slice(-200);
      const current = (recent.length - recent.replaceAll('1', '').length) / recent.length;
      const rose = c === s.up;
      return {
        point,
        alarm: {
          statistic: step.statistic,
          threshold: c.h,
          baseline: { rate: c.p0, requests: s.n },
          current: { rate: current, requests: recent.length, direction: rose ? 'up' : 'down' },
          message: `${metric.name} ${rose ? 'rose above' : 'fell below'} its baseline ${(c.p0 * 100).toFixed(2)} % (recent ${(current * 100).toFixed(2)} %)`,
          onsetMs,
        },
      };
    },
    state: () => structuredClone(s),
    readiness: () =>
      s.armed
        ? { armed: true, seen: baselineSize, needed: baselineSize }
        : baselineReadiness(s.n, baselineSize),
  };
}
