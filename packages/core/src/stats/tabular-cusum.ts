import { invalid, requirePositive } from './stats-error.js';

export interface TabularCusumOptions {
  readonly mean: number;
  readonly sigma: number;
  /** Reference value in sigma units, default 0.5 (tuned to a 1σ shift). */
  readonly k?: number;
  /** Decision interval in sigma units, default 4.77 (two-sided ARL0 about 370). */
  readonly h?: number;
  /** Restart both sums after an alarm (default true). */
  readonly resetOnAlarm?: boolean;
}

export interface TabularCusumState {
  upper: number;
  lower: number;
  index: number;
  lastAlarm: number | null;
}

export interface TabularCusumStep {
  readonly index: number;
  /** C⁺_t, in sigma units. */
  readonly upper: number;
  /** C⁻_t, in sigma units. */
  readonly lower: number;
  readonly alarm: boolean;
  readonly direction: 'up' | 'down' | null;
}

export interface TabularCusum {
  update(x: number): TabularCusumStep;
  readonly state: TabularCusumState;
}

/**
 * Two-sided tabular CUSUM in standardized units, z = (x - μ0)/σ:
 * C⁺_t = max(0, C⁺_{t-1} + z_t - k), C⁻_t = max(0, C⁻_{t-1} - z_t - k); alarm when either > h.
 *
 * Reference: Montgomery, Introduction to Statistical Quality Control, 7th ed., §9.1 (Table 9.3).
 *
 * @example
 * const cusum = createTabularCusum({ mean: 100, sigma: 5 });
 * cusum.update(112); // { upper: 1.9, lower: 0, alarm: false, direction: null }
 */
export function createTabularCusum(
  options: TabularCusumOptions,
  state?: TabularCusumState,
): TabularCusum {
  const { mean, sigma } = options;
  if (!Number.isFinite(mean)) throw invalid(`mean must be finite, got ${mean}`);
  requirePositive('sigma', sigma);
  const k = options.k ?? 0.5;
  if (!(k >= 0)) throw invalid(`k must be >= 0, got ${k}`);
  const h = options.h ?? 4.77;
  requirePositive('h', h);
  const reset = options.resetOnAlarm ?? true;
  const s: TabularCusumState = state
    ? { ...state }
    : { upper: 0, lower: 0, index: 0, lastAlarm: null };
  return {
    update(x) {
      if (!Number.isFinite(x)) throw invalid(`CUSUM observation must be finite, got ${x}`);
      const z = (x - mean) / sigma;
      const upper = Math.max(0, s.upper + z - k);
      const lower = Math.max(0, s.lower - z - k);
      const direction = upper > h ? 'up' : lower > h ? 'down' : null;
      const index = s.index;
      const alarm = direction !== null;
      if (alarm) s.lastAlarm = index;
      s.upper = alarm && reset ? 0 : upper;
      s.lower = alarm && reset ? 0 : lower;
      s.index = index + 1;
      return { index, upper, lower, alarm, direction };
    },
    get state() {
      return { ...s };
    },
  };
}

/**
 * Runs a tabular CUSUM over an array.
 *
 * @example
 * runTabularCusum(values, { mean: 0, sigma: 1 }).firstAlarm;
 */
export function runTabularCusum(
  values: readonly number[],
  options: TabularCusumOptions,
): { steps: TabularCusumStep[]; firstAlarm: number | null } {
  const cusum = createTabularCusum(options);
  const steps = values.map((x) => cusum.update(x));
  return { steps, firstAlarm: steps.find((s) => s.alarm)?.index ?? null };
}
