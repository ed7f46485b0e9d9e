import { invalid, requireCount, requireProbability, StatsError } from './stats-error.js';

export interface PChartPoint {
  readonly index: number;
  readonly proportion: number;
  readonly centre: number;
  readonly lower: number;
  readonly upper: number;
  /** Standardized distance from the centre, (p_i - p̄) / √(p̄(1-p̄)/n_i). */
  readonly z: number;
  readonly outOfControl: boolean;
}

export interface PChart {
  readonly centre: number;
  /** Laney's σ_z (1 for the plain p-chart). */
  readonly sigmaZ: number;
  readonly points: PChartPoint[];
}

export interface PChartOptions {
  /** Known centre line (phase II); default Σx / Σn of the data. */
  readonly centre?: number;
  /** Limit width in sigmas (default 3). */
  readonly sigmas?: number;
}

function prepare(events: readonly number[], trials: readonly number[], options: PChartOptions) {
  if (events.length !== trials.length) {
    throw invalid(`events (${events.length}) and trials (${trials.length}) differ in length`);
  }
  if (events.length === 0)
    throw new StatsError('INSUFFICIENT_DATA', 'p-chart needs at least one bucket');
  let x = 0;
  let n = 0;
  events.forEach((e, i) => {
    const t = trials[i] as number;
    requireCount(`trials[${i}]`, t, 1);
    requireCount(`events[${i}]`, e);
    if (e > t) throw invalid(`events[${i}] (${e}) exceeds trials[${i}] (${t})`);
    x += e;
    n += t;
  });
  const centre = options.centre ?? x / n;
  requireProbability('centre', centre);
  const sigmas = options.sigmas ?? 3;
  if (!(sigmas > 0)) throw invalid(`sigmas must be > 0, got ${sigmas}`);
  const sd = trials.map((t) => Math.sqrt((centre * (1 - centre)) / t));
  const z = events.map((e, i) => (e / (trials[i] as number) - centre) / (sd[i] as number));
  return { centre, sigmas, sd, z };
}

function build(
  events: readonly number[],
  trials: readonly number[],
  options: PChartOptions,
  laney: boolean,
): PChart {
  const { centre, sigmas, sd, z } = prepare(events, trials, options);
  let sigmaZ = 1;
  if (laney) {
    if (z.length < 2)
      throw new StatsError('INSUFFICIENT_DATA', "Laney p' chart needs at least two buckets");
    let mr = 0;
    for (let i = 1; i < z.length; i++) mr += Math.abs((z[i] as number) - (z[i - 1] as number));
    // d2 = 1.128 turns the mean moving range of two points into a sigma estimate.
    sigmaZ = mr / (z.length - 1) / 1.128;
  }
  const points = events.map((e, i): PChartPoint => {
    const width = sigmas * (sd[i] as number) * sigmaZ;
    const proportion = e / (trials[i] as number);
    const lower = Math.max(0, centre - width);
    const upper = Math.min(1, centre + width);
    return {
      index: i,
      proportion,
      centre,
      lower,
      upper,
      z: z[i] as number,
      outOfControl: proportion < lower || proportion > upper,
    };
  });
  return { centre, sigmaZ, points };
}

/**
 * Classic p-chart: centre p̄ = Σx/Σn, limits p̄ ± 3√(p̄(1-p̄)/n_i) per bucket, clamped to [0, 1].
 *
 * Reference: Montgomery, Introduction to Statistical Quality Control, 7th ed., §7.2.
 *
 * @example
 * pChart([5, 7, 30], [100, 100, 100]).points[2].outOfControl; // true
 */
export function pChart(
  events: readonly number[],
  trials: readonly number[],
  options: PChartOptions = {},
): PChart {
  return build(events, trials, options, false);
}

/**
 * Laney p' chart: as the p-chart but limits widened by σ_z, the mean moving range of the
 * bucket z-scores divided by 1.128, so large buckets with between-bucket variation
 * (overdispersion) do not flood the chart with false alarms.
 *
 * Reference: Laney (2002), "Improved control charts for attributes", Quality Engineering 14:531.
 *
 * @example
 * laneyPChart(events, trials).sigmaZ; // > 1 when buckets vary more than binomially
 */
export function laneyPChart(
  events: readonly number[],
  trials: readonly number[],
  options: PChartOptions = {},
): PChart {
  return build(events, trials, options, true);
}
