import { invalid } from './stats-error.js';
import {
  createBinomialCusum,
  type CusumRun,
  type CusumStep,
  type RateCusumOptions,
  type RateCusumState,
  type ResolvedRateCusum,
} from './binomial-cusum.js';

export interface BernoulliCusum {
  /** Consume one request outcome (true / 1 = the watched event happened). */
  update(outcome: boolean | 0 | 1): CusumStep;
  readonly state: RateCusumState;
  readonly config: ResolvedRateCusum;
}

function toBit(outcome: boolean | number): 0 | 1 {
  if (outcome === true || outcome === 1) return 1;
  if (outcome === false || outcome === 0) return 0;
  throw invalid(`Bernoulli outcome must be true/false or 0/1, got ${String(outcome)}`);
}

/**
 * Bernoulli CUSUM over single request outcomes, log-likelihood-ratio form:
 * S_t = max(0, S_{t-1} + y_t ln(p1/p0) + (1-y_t) ln((1-p1)/(1-p0))), alarm when S_t > h.
 * Defaults p1 = 1.5·p0 and h = 4; with p0 .05 that gives an in-control ARL of about 11 000
 * requests and about 230 requests to detect p = .10 (see {@link bernoulliCusumArl}).
 *
 * Reference: Reynolds & Stoumbos (1999), J. Quality Technology 31:87.
 *
 * @example
 * const cusum = createBernoulliCusum({ p0: 0.05 });
 * cusum.update(true); // { index: 0, statistic: 0.405, alarm: false }
 */
export function createBernoulliCusum(
  options: RateCusumOptions,
  state?: RateCusumState,
): BernoulliCusum {
  const inner = createBinomialCusum(options, state);
  return {
    update: (outcome) => inner.update(toBit(outcome), 1),
    get state() {
      return inner.state;
    },
    config: inner.config,
  };
}

/**
 * Runs a Bernoulli CUSUM over an array of outcomes.
 *
 * @example
 * runBernoulliCusum(outcomes, { p0: 0.05, h: 4 }).firstAlarm; // index of the first alarm or null
 */
export function runBernoulliCusum(
  outcomes: readonly (boolean | 0 | 1)[],
  options: RateCusumOptions,
): CusumRun {
  const cusum = createBernoulliCusum(options);
  const statistics: number[] = [];
  const alarms: number[] = [];
  outcomes.forEach((y, i) => {
    const step = cusum.update(y);
    statistics.push(step.statistic);
    if (step.alarm) alarms.push(i);
  });
  return { statistics, alarms, firstAlarm: alarms[0] ?? null };
}
