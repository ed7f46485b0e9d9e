import { invalid, requireCount, requirePositive, requireProbability } from './stats-error.js';

export interface ArmCounts {
  readonly successes: number;
  readonly trials: number;
}

export interface MsprtOptions {
  /** Significance level (default 0.05). */
  readonly alpha?: number;
  /** Standard deviation τ of the normal mixing prior on the difference (default 0.05). */
  readonly tau?: number;
}

export interface MsprtEvaluation {
  /** Treatment rate minus control rate. */
  readonly difference: number;
  /** Mixture likelihood ratio Λ. */
  readonly likelihoodRatio: number;
  /** 1 / Λ capped at 1, for this look alone. */
  readonly pValue: number;
}

function validate(arm: ArmCounts, name: string): void {
  requireCount(`${name}.trials`, arm.trials);
  requireCount(`${name}.successes`, arm.successes);
  if (arm.successes > arm.trials) throw invalid(`${name}.successes exceeds ${name}.trials`);
}

/**
 * Mixture sequential probability ratio for the difference of two proportions with a normal
 * mixture θ ~ N(0, τ²) over the effect: with θ̂ = p̂_T - p̂_C and V = Var(θ̂) (plug-in, rates
 * smoothed as (x+½)/(n+1) so V > 0),
 * Λ = √(V / (V + τ²)) · exp(τ² θ̂² / (2V(V + τ²))).
 *
 * Reference: Johari, Pekelis & Walsh (2017), "Always valid inference", arXiv:1512.04922;
 * Johari et al. (2017), "Peeking at A/B tests", KDD.
 *
 * @example
 * msprtEvaluate({ successes: 50, trials: 1000 }, { successes: 90, trials: 1000 }).pValue; // ≈ 0.002
 */
export function msprtEvaluate(
  control: ArmCounts,
  treatment: ArmCounts,
  options: MsprtOptions = {},
): MsprtEvaluation {
  validate(control, 'control');
  validate(treatment, 'treatment');
  const tau = options.tau ?? 0.05;
  requirePositive('tau', tau);
  if (control.trials === 0 || treatment.trials === 0)
    return { difference: 0, likelihoodRatio: 1, pValue: 1 };
  const pc = control.successes / control.trials;
  const pt = treatment.successes / treatment.trials;
  const sc = (control.successes + 0.5) / (control.trials + 1);
  const st = (treatment.successes + 0.5) / (treatment.trials + 1);
  const v = (sc * (1 - sc)) / control.trials + (st * (1 - st)) / treatment.trials;
  const t2 = tau * tau;
  const difference = pt - pc;
  const logLr = 0.5 * Math.log(v / (v + t2)) + (t2 * difference * difference) / (2 * v * (v + t2));
  const likelihoodRatio = Math.exp(logLr);
  return { difference, likelihoodRatio, pValue: Math.min(1, Math.exp(-logLr)) };
}

export interface MsprtState {
  control: { successes: number; trials: number };
  treatment: { successes: number; trials: number };
  /** Running minimum of the per-look p-values: the always-valid p-value. */
  pValue: number;
}

export interface MsprtStep extends MsprtEvaluation {
  /** Always-valid p-value (never increases). */
  readonly alwaysValidPValue: number;
  readonly reject: boolean;
}

export interface Msprt {
  /** Add new outcomes (increments, not totals) for either arm and look. */
  update(control: ArmCounts, treatment: ArmCounts): MsprtStep;
  readonly state: MsprtState;
}

/**
 * Streaming mSPRT for canary (treatment) vs production (control). Peeking after every batch
 * keeps the false-positive rate at alpha: reject once the always-valid p-value ≤ alpha.
 *
 * @example
 * const test = createMsprt({ alpha: 0.05 });
 * test.update({ successes: 3, trials: 100 }, { successes: 9, trials: 100 }); // { alwaysValidPValue, reject, ... }
 */
export function createMsprt(options: MsprtOptions = {}, state?: MsprtState): Msprt {
  const alpha = options.alpha ?? 0.05;
  requireProbability('alpha', alpha);
  const s: MsprtState = state
    ? { control: { ...state.control }, treatment: { ...state.treatment }, pValue: state.pValue }
    : { control: { successes: 0, trials: 0 }, treatment: { successes: 0, trials: 0 }, pValue: 1 };
  return {
    update(control, treatment) {
      validate(control, 'control');
      validate(treatment, 'treatment');
      s.control.successes += control.successes;
      s.control.trials += control.trials;
      s.treatment.successes += treatment.successes;
      s.treatment.trials += treatment.trials;
      const evaluation = msprtEvaluate(s.control, s.treatment, options);
      s.pValue = Math.min(s.pValue, evaluation.pValue);
      return { ...evaluation, alwaysValidPValue: s.pValue, reject: s.pValue <= alpha };
    },
    get state() {
      return { control: { ...s.control }, treatment: { ...s.treatment }, pValue: s.pValue };
    },
  };
}
