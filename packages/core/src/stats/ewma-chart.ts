import { invalid, requirePositive } from './stats-error.js';

export interface EwmaOptions {
  /** In-control mean (e.g. a robust baseline's centre). */
  readonly mean: number;
  /** In-control standard deviation (e.g. a robust baseline's scale). */
  readonly sigma: number;
  /** Smoothing weight, default 0.2. */
  readonly lambda?: number;
  /** Limit width in asymptotic sigmas, default 2.962 (ARL0 ≈ 500 with λ = .2). */
  readonly L?: number;
}

export interface EwmaState {
  statistic: number;
  index: number;
  lastAlarm: number | null;
}

export interface EwmaStep {
  readonly index: number;
  readonly statistic: number;
  readonly lower: number;
  readonly upper: number;
  readonly alarm: boolean;
}

export interface EwmaChart {
  update(x: number): EwmaStep;
  readonly state: EwmaState;
}

/**
 * EWMA control chart with exact time-varying limits:
 * z_t = λx_t + (1-λ)z_{t-1}, z_0 = μ0; limits μ0 ± Lσ√(λ/(2-λ)·(1-(1-λ)^{2t})).
 * Defaults λ .2, L 2.962: in-control ARL about 500, a 1σ shift found in about 10 points.
 *
 * Reference: Lucas & Saccucci (1990), Technometrics 32:1; Montgomery, SQC 7th ed., §9.2.
 *
 * @example
 * const chart = createEwmaChart({ mean: b.centre, sigma: b.scale });
 * chart.update(latencyMs); // { index, statistic, lower, upper, alarm }
 */
export function createEwmaChart(options: EwmaOptions, state?: EwmaState): EwmaChart {
  const { mean, sigma } = options;
  if (!Number.isFinite(mean)) throw invalid(`mean must be finite, got ${mean}`);
  requirePositive('sigma', sigma);
  const lambda = options.lambda ?? 0.2;
  if (!(lambda > 0 && lambda <= 1)) throw invalid(`lambda must lie in (0, 1], got ${lambda}`);
  const L = options.L ?? 2.962;
  requirePositive('L', L);
  const s: EwmaState = state ? { ...state } : { statistic: mean, index: 0, lastAlarm: null };
  return {
    update(x) {
      if (!Number.isFinite(x)) throw invalid(`EWMA observation must be finite, got ${x}`);
      const t = s.index + 1;
      s.statistic = lambda * x + (1 - lambda) * s.statistic;
      const width = L * sigma * Math.sqrt((lambda / (2 - lambda)) * (1 - (1 - lambda) ** (2 * t)));
      const lower = mean - width;
      const upper = mean + width;
      const alarm = s.statistic < lower || s.statistic > upper;
      const index = s.index;
      if (alarm) s.lastAlarm = index;
      s.index = t;
      return { index, statistic: s.statistic, lower, upper, alarm };
    },
    get state() {
      return { ...s };
    },
  };
}

/**
 * Runs an EWMA chart over an array.
 *
 * @example
 * runEwmaChart(values, { mean: 0, sigma: 1 }).firstAlarm; // first out-of-limits index or null
 */
export function runEwmaChart(
  values: readonly number[],
  options: EwmaOptions,
): { steps: EwmaStep[]; firstAlarm: number | null } {
  const chart = createEwmaChart(options);
  const steps = values.map((x) => chart.update(x));
  return { steps, firstAlarm: steps.find((s) => s.alarm)?.index ?? null };
}
