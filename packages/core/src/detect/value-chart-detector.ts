import { createEwmaChart, type EwmaState } from '../stats/ewma-chart.js';
import { robustBaseline, type RobustBaseline } from '../stats/robust-baseline.js';
import { createTabularCusum, type TabularCusumState } from '../stats/tabular-cusum.js';
import { blockValue, type BlockStatistic } from './block-statistic.js';
import { numberParam, type Detector, type DetectorParams } from './detector.js';
import { DIRECTION_PARAM, directionOf } from './direction.js';
import { count, positive, probability, type ParamSpecs } from './detector-params.js';
import type { Metric } from './metric-catalog.js';

/**
 * Defaults for continuous metrics. Requests are grouped in blocks of 25; the first 100
 * blocks (2,500 requests) form the baseline of the block statistic. EWMA λ .2 with L 4.5
 * has an in-control ARL of about 169,000 blocks (Brook–Evans Markov chain, normal data);
 * a 2σ block shift is found in about 7 blocks. Tabular CUSUM k .5, h 11 has a two-sided
 * ARL0 of about 95,000 blocks (Siegmund); a 2σ shift is found in about 8 blocks. The margin
 * over normal theory pays for skewed block statistics. The baseline keeps refining
 * (running mean and standard deviation) with blocks within 3σ while the chart is calm, up to
 * 1,000 blocks: estimated parameters are what make charts alarm more than theory says.
 */
/** Block values are clipped to this many baseline sigmas before charting. */
export const CLIP_SIGMAS = 3;

export const VALUE_CHART_DEFAULTS = {
  blockSize: 25,
  baselineBlocks: 100,
  maxBaselineBlocks: 1000,
  lambda: 0.2,
  L: 4.5,
  k: 0.5,
  h: 11,
};

const BLOCK_PARAMS: ParamSpecs = {
  blockSize: count('requests per block statistic', VALUE_CHART_DEFAULTS.blockSize),
  baselineBlocks: count('blocks forming the baseline', VALUE_CHART_DEFAULTS.baselineBlocks),
  maxBaselineBlocks: count(
    'calm blocks the baseline keeps refining with',
    VALUE_CHART_DEFAULTS.maxBaselineBlocks,
  ),
  statistic: {
    type: 'choice',
    values: ['mean', 'p50', 'p95'],
    default: 'mean',
    description: 'the statistic of each block',
  },
  log: {
    type: 'number',
    min: 0,
    max: 1,
    integer: true,
    default: 0,
    description: '1 charts the logarithm of the values',
  },
  direction: DIRECTION_PARAM,
};

/** What an EWMA monitor may set. */
export const EWMA_PARAMS: ParamSpecs = {
  ...BLOCK_PARAMS,
  lambda: probability('EWMA smoothing weight', VALUE_CHART_DEFAULTS.lambda),
  L: positive('control limit width in sigmas of the EWMA', VALUE_CHART_DEFAULTS.L),
};

/** What a tabular CUSUM monitor may set. */
export const TABULAR_CUSUM_PARAMS: ParamSpecs = {
  ...BLOCK_PARAMS,
  k: positive('allowance in baseline sigmas', VALUE_CHART_DEFAULTS.k),
  h: positive('decision threshold in baseline sigmas', VALUE_CHART_DEFAULTS.h),
};

interface ValueState {
  block: number[];
  blockStartMs?: number;
  baselineValues: number[];
  baseline?: RobustBaseline;
  /** Running sums of the accepted in-control blocks refining the baseline (Welford). */
  refine?: { n: number; mean: number; m2: number };
  ewma?: EwmaState;
  cusum?: TabularCusumState;
  lastCalmMs?: number;
  lastAlarmed?: boolean;
  /** Clipping bounds fixed when the baseline arms (robust centre ± 3 robust sigmas). */
  clip?: [number, number];
}

const clip = (v: number, [lo, hi]: [number, number]): number => Math.min(hi, Math.max(lo, v));

/** Centre and scale from running sums; the scale never drops below half the robust one. */
function refined(
  r: { n: number; mean: number; m2: number },
  robustScale: number,
): { centre: number; scale: number; n: number } {
  const sd = r.n > 1 ? Math.sqrt(r.m2 / (r.n - 1)) : robustScale;
  return { centre: r.mean, scale: Math.max(sd, robustScale * 0.5), n: r.n };
}

function welford(r: { n: number; mean: number; m2: number }, x: number): void {
  r.n += 1;
  const d = x - r.mean;
  r.mean += d / r.n;
  r.m2 += d * (x - r.mean);
}

/**
 * Median/MAD baseline whose scale is at least the standard deviation of the values within
 * five robust sigmas: MAD alone underestimates the spread of skewed or discrete block
 * statistics (a p95 of 25 requests, a mean of step counts), which multiplies false alarms,
 * while gross outliers in the baseline still cannot inflate it.
 */
function conservativeBaseline(values: readonly number[], minPoints: number): RobustBaseline {
  const b = robustBaseline(values, { minPoints });
  const kept = values.filter((v) => Math.abs(v - b.centre) <= 5 * b.scale);
  const mean = kept.reduce((a, v) => a + v, 0) / kept.length;
  const sd = Math.sqrt(
    kept.reduce((a, v) => a + (v - mean) ** 2, 0) / Math.max(1, kept.length - 1),
  );
  return sd > b.scale ? { ...b, scale: sd } : b;
}

/**
 * EWMA or two-sided tabular CUSUM over block statistics of a value metric (latency p95,
 * retrieval top score, cost per request), on a robust baseline of the first blocks.
 * Parameters: `statistic` (mean | p50 | p95), `log` (1 = log scale), `blockSize`,
 * `baselineBlocks`, `lambda`/`L` (EWMA), `k`/`h` (CUSUM), `direction` (up | down | both; auto
 * picks the metric's default, see defaultDirection).
 *
 * @example
 * createValueChartDetector('ewma', resolveMetric('latency_ms'), { statistic: 'p95', log: 1 });
 */
export function createValueChartDetector(
  kind: 'ewma' | 'tabular_cusum',
  metric: Metric,
  params: DetectorParams,
  saved?: unknown,
): Detector {
  if (metric.kind !== 'value') throw new TypeError(`${metric.name} is not a value metric`);
  const d = VALUE_CHART_DEFAULTS;
  const blockSize = numberParam(params, 'blockSize', d.blockSize);
  const baselineBlocks = numberParam(params, 'baselineBlocks', d.baselineBlocks);
  const maxBaselineBlocks = numberParam(params, 'maxBaselineBlocks', d.maxBaselineBlocks);
  const statistic = (params.statistic as BlockStatistic | undefined) ?? 'mean';
  const log = numberParam(params, 'log', 0) === 1;
  const direction = directionOf(metric.name, params.direction);
  const s: ValueState = (saved as ValueState | undefined) ?? { block: [], baselineValues: [] };
  const label = `${statistic}${log ? ' (log)' : ''} of ${metric.name} per ${blockSize} requests`;
  return {
    observe(o) {
      const v = metric.read(o);
      if (v === undefined || !Number.isFinite(v)) return {};
      if (s.block.length === 0) s.blockStartMs = o.eventMs;
      s.block.push(v);
      if (s.block.length < blockSize) return {};
      const x = blockValue(s.block, statistic, log);
      const startMs = s.blockStartMs ?? o.eventMs;
      s.block = [];
      if (!s.baseline) {
        s.baselineValues.push(x);
        if (s.baselineValues.length >= baselineBlocks) {
          try {
            const robust = conservativeBaseline(s.baselineValues, baselineBlocks);
            s.clip = [
              robust.centre - CLIP_SIGMAS * robust.scale,
              robust.centre + CLIP_SIGMAS * robust.scale,
            ];
            s.refine = { n: 0, mean: 0, m2: 0 };
            for (const v of s.baselineValues) welford(s.refine, clip(v, s.clip));
            s.baseline = { ...robust, ...refined(s.refine, robust.scale) };
            s.baselineValues = [];
          } catch {
            s.baselineValues.shift(); // constant so far: keep collecting until values vary
          }
        }
        return {};
      }
      const { centre, scale } = s.baseline;
      // Huber-style clipping at 3 robust sigmas: one extreme block (a heavy latency tail)
      // moves the chart by a bounded amount, so only a sustained shift crosses the limits.
      // The baseline mean and sd are those of the clipped values, so the chart stays unbiased.
      const clipped = clip(x, s.clip ?? [-Infinity, Infinity]);
      if (s.refine && s.refine.n < maxBaselineBlocks && !s.lastAlarmed) {
        welford(s.refine, clipped);
        s.baseline = {
          ...s.baseline,
          ...refined(
            s.refine,
            s.clip ? (s.clip[1] - s.clip[0]) / (2 * CLIP_SIGMAS) : s.baseline.scale,
          ),
        };
      }
      let statisticValue: number;
      let threshold: number;
      let alarm: boolean;
      if (kind === 'ewma') {
        const chart = createEwmaChart(
          {
            mean: centre,
            sigma: scale,
            lambda: numberParam(params, 'lambda', d.lambda),
            L: numberParam(params, 'L', d.L),
          },
          s.ewma,
        );
        const step = chart.update(clipped);
        s.ewma = chart.state;
        statisticValue = (step.statistic - centre) / scale;
        threshold = (step.upper - centre) / scale;
        alarm =
          step.alarm && (direction === 'both' || (direction === 'up') === step.statistic > centre);
      } else {
        const cusum = createTabularCusum(
          {
            mean: centre,
            sigma: scale,
            k: numberParam(params, 'k', d.k),
            h: numberParam(params, 'h', d.h),
          },
          s.cusum,
        );
        const step = cusum.update(clipped);
        s.cusum = cusum.state;
        statisticValue =
          direction === 'down'
            ? step.lower
            : direction === 'up'
              ? step.upper
              : Math.max(step.upper, step.lower);
        threshold = numberParam(params, 'h', d.h);
        alarm = step.alarm && (direction === 'both' || step.direction === direction);
      }
      s.lastAlarmed = alarm || Math.abs(statisticValue) > threshold / 2;
      const calm = Math.abs(statisticValue) < threshold / 4;
      if (calm || s.lastCalmMs === undefined) s.lastCalmMs = startMs;
      const point = { atMs: o.eventMs, statistic: statisticValue, threshold };
      if (!alarm) return { point };
      const shown = (y: number): number => (log ? Math.expm1(y) : y);
      const onsetMs = s.lastCalmMs;
      s.lastCalmMs = o.eventMs;
      return {
        point,
        alarm: {
          statistic: statisticValue,
          threshold,
          baseline: { [statistic]: shown(centre), scale, blocks: s.baseline.n },
          current: { [statistic]: shown(x) },
          message: `${label} moved from ${shown(centre).toPrecision(4)} to ${shown(x).toPrecision(4)}`,
          onsetMs,
        },
      };
    },
    state: () => ({ ...s, block: [...s.block] }),
    // Counted in requests with a value: whole baseline blocks plus the block being filled.
    readiness: () =>
      s.baseline
        ? { armed: true, seen: baselineBlocks * blockSize, needed: baselineBlocks * blockSize }
        : {
            armed: false,
            seen: Math.min(
              s.baselineValues.length * blockSize + s.block.length,
              baselineBlocks * blockSize - 1,
            ),
            needed: baselineBlocks * blockSize,
          },
  };
}
