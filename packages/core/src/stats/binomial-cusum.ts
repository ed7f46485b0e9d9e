import { invalid, requireCount, requirePositive, requireProbability } from './stats-error.js';

export interface RateCusumOptions {
  /** In-control rate. */
  readonly p0: number;
  /** Rate the chart is tuned to detect; default 1.5 × p0 (use p1 < p0 to watch for drops). */
  readonly p1?: number;
  /** Decision threshold on the log-likelihood-ratio scale; default 4. */
  readonly h?: number;
  /** Restart from 0 after an alarm (default true). */
  readonly resetOnAlarm?: boolean;
}

/** JSON-serializable state of a rate CUSUM. */
export interface RateCusumState {
  statistic: number;
  /** Observations (Bernoulli) or buckets (binomial) consumed so far. */
  index: number;
  /** Index of the most recent alarm, or null. */
  lastAlarm: number | null;
}

export interface CusumStep {
  readonly index: number;
  readonly statistic: number;
  readonly alarm: boolean;
}

export interface ResolvedRateCusum {
  readonly p0: number;
  readonly p1: number;
  readonly h: number;
  readonly resetOnAlarm: boolean;
  /** LLR increment per event, ln(p1/p0). */
  readonly eventWeight: number;
  /** LLR increment per non-event, ln((1-p1)/(1-p0)). */
  readonly nonEventWeight: number;
}

export function resolveRateCusum(options: RateCusumOptions): ResolvedRateCusum {
  requireProbability('p0', options.p0);
  const p1 = options.p1 ?? 1.5 * options.p0;
  requireProbability('p1', p1);
  if (p1 === options.p0) throw invalid('p1 must differ from p0');
  const h = options.h ?? 4;
  requirePositive('h', h);
  return {
    p0: options.p0,
    p1,
    h,
    resetOnAlarm: options.resetOnAlarm ?? true,
    eventWeight: Math.log(p1 / options.p0),
    nonEventWeight: Math.log((1 - p1) / (1 - options.p0)),
  };
}

export interface BinomialCusum {
  /** Consume one bucket with `events` out of `trials`. */
  update(events: number, trials: number): CusumStep;
  readonly state: RateCusumState;
  readonly config: ResolvedRateCusum;
}

/**
 * Binomial CUSUM for event counts per bucket, in log-likelihood-ratio form:
 * S_t = max(0, S_{t-1} + x_t ln(p1/p0) + (n_t - x_t) ln((1-p1)/(1-p0))), alarm when S_t > h.
 * Bucket sizes may vary. With n_t = 1 it is the Bernoulli CUSUM.
 *
 * Reference: Reynolds & Stoumbos (1999), J. Quality Technology 31:87; Page (1954).
 *
 * @example
 * const cusum = createBinomialCusum({ p0: 0.05, h: 4 });
 * cusum.update(12, 100); // { index: 0, statistic: 2.31, alarm: false }
 * JSON.stringify(cusum.state); // persist; restore with createBinomialCusum(options, state)
 */
export function createBinomialCusum(
  options: RateCusumOptions,
  state?: RateCusumState,
): BinomialCusum {
  const config = resolveRateCusum(options);
  const s: RateCusumState = state ? { ...state } : { statistic: 0, index: 0, lastAlarm: null };
  if (!(s.statistic >= 0) || !Number.isInteger(s.index) || s.index < 0) {
    throw invalid('state must have statistic >= 0 and a non-negative integer index');
  }
  return {
    update(events, trials) {
      requireCount('trials', trials);
      requireCount('events', events);
      if (events > trials) throw invalid(`events (${events}) cannot exceed trials (${trials})`);
      const increment = events * config.eventWeight + (trials - events) * config.nonEventWeight;
      let statistic = Math.max(0, s.statistic + increment);
      const alarm = statistic > config.h;
      const index = s.index;
      if (alarm) s.lastAlarm = index;
      const reported = statistic;
      if (alarm && config.resetOnAlarm) statistic = 0;
      s.statistic = statistic;
      s.index = index + 1;
      return { index, statistic: reported, alarm };
    },
    get state() {
      return { ...s };
    },
    config,
  };
}

export interface CusumRun {
  readonly statistics: number[];
  /** Indices where the statistic crossed h. */
  readonly alarms: number[];
  readonly firstAlarm: number | null;
}

/**
 * Runs a binomial CUSUM over whole arrays of bucket counts.
 *
 * @example
 * runBinomialCusum([5, 6, 15], [100, 100, 100], { p0: 0.05 }).firstAlarm; // 2
 */
export function runBinomialCusum(
  events: readonly number[],
  trials: readonly number[],
  options: RateCusumOptions,
): CusumRun {
  if (events.length !== trials.length) {
    throw invalid(`events (${events.length}) and trials (${trials.length}) differ in length`);
  }
  const cusum = createBinomialCusum(options);
  const statistics: number[] = [];
  const alarms: number[] = [];
  events.forEach((x, i) => {
    const step = cusum.update(x, trials[i] as number);
    statistics.push(step.statistic);
    if (step.alarm) alarms.push(i);
  });
  return { statistics, alarms, firstAlarm: alarms[0] ?? null };
}
