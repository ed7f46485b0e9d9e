import { createMsprt, type MsprtState } from '../stats/index.js';
import { ArtifactError } from './artifact-error.js';
import { CANARY_UNITS, canaryPoint, checkCanaryPercent, type CanaryUnit } from './canary-bucket.js';

/** A canary as started: which version, how much traffic, judged on which failure metrics. */
export interface CanarySpec {
  /** The label whose traffic is split; it stays put until the canary is promoted. */
  label: string;
  version: number;
  unit: CanaryUnit;
  salt: string;
  /** Share of units in the canary arm now, 0-100; `ramp` lists the steps still ahead. */
  percent: number;
  ramp: number[];
  /** Failure metrics (e.g. `error`, `refusal`, an evaluator's name); each is a gate. */
  metrics: string[];
  /** Outcomes both arms need, per metric, before a step passes. */
  minSamples: number;
  alpha: number;
  tau: number;
}

export type CanaryStatus = 'running' | 'killed' | 'promoted';

/** One metric's sequential test: failures of the control (label) and canary arms. */
export type CanaryMetricState = MsprtState;

export interface CanaryState {
  spec: CanarySpec;
  status: CanaryStatus;
  metrics: Record<string, CanaryMetricState>;
  /** Outcomes per arm counted at the start of the current ramp step. */
  stepStartTrials: number;
  reason?: string;
}

/** One judged request: its arm, a gate metric, and whether it failed that metric. */
export interface CanaryOutcome {
  arm: 'control' | 'canary';
  metric: string;
  failed: boolean;
}

export type CanaryVerdict =
  | { action: 'continue' }
  | { action: 'ramp'; percent: number }
  | { action: 'promote' }
  | { action: 'kill'; metric: string; reason: string };

/** What a client may send to start a canary; everything but `version` and `percent` has a default. */
export interface CanaryInput {
  version: number;
  percent: number;
  unit?: string;
  label?: string;
  salt?: string;
  ramp?: number[];
  metrics?: string[];
  /**
   * Online evaluators (score names) that also gate the canary; the server checks that each
   * is scored by a sampling rule, and the online evaluator feeds their verdicts to the gate.
   */
  evaluators?: string[];
  minSamples?: number;
  alpha?: number;
}

/**
 * Checks a canary request against the label's current target: a percent within 0-100, a
 * known unit, a ramp that only goes up, a version other than the one the label serves.
 *
 * @example checkCanaryInput({ version: 3, percent: 5, ramp: [25, 100] }, { target: 2, salt: 'c-1' })
 */
export function checkCanaryInput(
  input: CanaryInput,
  context: { target: number; salt: string },
): CanarySpec {
  const percent = checkCanaryPercent(input.percent);
  const unit = input.unit ?? 'user';
  if (!(CANARY_UNITS as readonly string[]).includes(unit)) {
    throw new ArtifactError(
      'invalid_canary',
      `canary unit must be one of ${CANARY_UNITS.join(', ')}, got "${unit}"`,
    );
  }
  const ramp = (input.ramp ?? []).map(checkCanaryPercent);
  [percent, ...ramp].forEach((p, i, all) => {
    if (i > 0 && p <= all[i - 1]!) {
      throw new ArtifactError('invalid_canary', `a ramp only goes up: ${all.join(' -> ')}`);
    }
  });
  if (input.version === context.target) {
    throw new ArtifactError(
      'invalid_canary',
      `version ${input.version} is what the label already serves`,
    );
  }
  const minSamples = input.minSamples ?? 1000;
  if (!Number.isInteger(minSamples) || minSamples < 1) {
    throw new ArtifactError(
      'invalid_canary',
      `minSamples must be a positive integer, got ${minSamples}`,
    );
  }
  // Stricter than the usual .05: a kill is an automatic production action, and simulated A/A
  // canaries at .05 were killed 0-3 times in 100 (canary-gate.test.ts).
  const alpha = input.alpha ?? 0.01;
  if (!(alpha > 0 && alpha < 1))
    throw new ArtifactError('invalid_canary', `alpha must be within (0, 1), got ${alpha}`);
  const metrics = [...(input.metrics ?? ['error']), ...(input.evaluators ?? [])];
  if (metrics.length === 0)
    throw new ArtifactError('invalid_canary', 'a canary needs at least one gate metric');
  return {
    label: input.label ?? 'production',
    version: input.version,
    unit: unit as CanaryUnit,
    salt: input.salt ?? context.salt,
    percent,
    ramp,
    metrics: [...new Set(metrics)],
    minSamples,
    alpha,
    tau: 0.05,
  };
}

/** A fresh running canary. */
export function startCanary(spec: CanarySpec): CanaryState {
  const empty = (): CanaryMetricState => ({
    control: { successes: 0, trials: 0 },
    treatment: { successes: 0, trials: 0 },
    pValue: 1,
  });
  return {
    spec,
    status: 'running',
    metrics: Object.fromEntries(spec.metrics.map((m) => [m, empty()])),
    stepStartTrials: 0,
  };
}

/**
 * The arm of a unit: deterministic per (artifact, salt, unit id), so a unit stays in its arm
 * and a ramp only adds units. Without a unit id the request is control.
 *
 * @example canaryArm(state.spec, 'prompt/support', userId) // 'canary' for ~percent % of users
 */
export function canaryArm(
  spec: CanarySpec,
  artifact: string,
  unitId: string | undefined,
): 'control' | 'canary' {
  if (unitId === undefined) return 'control';
  return canaryPoint(artifact, spec.salt, unitId) < spec.percent / 100 ? 'canary' : 'control';
}

/**
 * Adds outcomes to each metric's mSPRT (failures are the "successes" counted) and judges:
 * kill on a significant regression of any gate metric (always-valid p ≤ alpha with the canary
 * worse); otherwise, once both arms have `minSamples` outcomes in this step on every metric,
 * ramp to the next step or promote after the last. Outcomes for unknown metrics are refused.
 *
 * @example
 * const { state: next, verdict } = observeCanary(state, [{ arm: 'canary', metric: 'error', failed: true }]);
 */
export function observeCanary(
  state: CanaryState,
  outcomes: readonly CanaryOutcome[],
): { state: CanaryState; verdict: CanaryVerdict } {
  if (state.status !== 'running') return { state, verdict: { action: 'continue' } };
  const { spec } = state;
  const unknown = outcomes.find((o) => !spec.metrics.includes(o.metric));
  if (unknown) {
    throw new ArtifactError(
      'invalid_canary',
      `metric "${unknown.metric}" is not a gate of this canary; gates: ${spec.metrics.join(', ')}`,
    );
  }
  const metrics: Record<string, CanaryMetricState> = {};
  for (const metric of spec.metrics) {
    const test = createMsprt({ alpha: spec.alpha, tau: spec.tau }, state.metrics[metric]);
    const mine = outcomes.filter((o) => o.metric === metric);
    const count = (arm: CanaryOutcome['arm']) => {
      const list = mine.filter((o) => o.arm === arm);
      return { successes: list.filter((o) => o.failed).length, trials: list.length };
    };
    test.update(count('control'), count('canary'));
    metrics[metric] = test.state;
  }
  const next: CanaryState = { ...state, metrics };
  for (const metric of spec.metrics) {
    const m = metrics[metric]!;
    const rate = (a: { successes: number; trials: number }) =>
      a.trials === 0 ? 0 : a.successes / a.trials;
    if (m.pValue <= spec.alpha && rate(m.treatment) > rate(m.control)) {
      const reason = `${metric} rate ${(rate(m.treatment) * 100).toFixed(2)} % on v${spec.version} vs ${(rate(m.control) * 100).toFixed(2)} % on control (mSPRT always-valid p ${m.pValue.toPrecision(3)} <= ${spec.alpha}, n ${m.treatment.trials}/${m.control.trials})`;
      return {
        state: { ...next, status: 'killed', reason },
        verdict: { action: 'kill', metric, reason },
      };
    }
  }
  const trials = Math.min(
    ...spec.metrics.flatMap((metric) => [
      metrics[metric]!.control.trials,
      metrics[metric]!.treatment.trials,
    ]),
  );
  if (trials - state.stepStartTrials < spec.minSamples)
    return { state: next, verdict: { action: 'continue' } };
  const [step, ...rest] = spec.ramp;
  // A step to 100 % is the promotion itself: there would be no control arm left to compare.
  if (step !== undefined && step < 100) {
    return {
      state: { ...next, spec: { ...spec, percent: step, ramp: rest }, stepStartTrials: trials },
      verdict: { action: 'ramp', percent: step },
    };
  }
  return {
    state: {
      ...next,
      status: 'promoted',
      reason: `passed every gate at ${trials} outcomes per arm`,
    },
    verdict: { action: 'promote' },
  };
}
