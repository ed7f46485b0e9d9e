import type { ChatRequest } from './chat-request.js';
import {
  BISECTION_FACTORS,
  differingFactors,
  swapFactors,
  type BisectionFactor,
  type FactorDifference,
} from './bisection-factors.js';
import { estimateCallCost } from './estimate-call-cost.js';
import type { RecordedCall } from './recorded-call.js';
import { ReplayError } from './replay-error.js';

/** One configuration a bisection replays `trials` times. */
export interface BisectionArm {
  /** `bad`, a factor name, or `a+b` for a pair. */
  name: string;
  factors: BisectionFactor[];
  request: ChatRequest;
  /** From the price table; undefined when the model has no price. */
  estimatedCostPerCallUsd: number | undefined;
}

export interface BisectionPlan {
  differences: FactorDifference[];
  /** Factors that differ but cannot be swapped, with why. */
  unavailable: { factor: BisectionFactor; reason: string }[];
  /** The bad arm first, then one arm per factor. */
  arms: BisectionArm[];
  /** Arms for every pair of factors, run only when no single factor fixes the failure. */
  pairArms: BisectionArm[];
  trials: number;
  /** Calls of the bad and single-factor arms. */
  plannedCalls: number;
  /** Their estimated cost; null when a model has no price. */
  estimatedCostUsd: number | null;
  unpricedModels: string[];
}

export interface BisectionOptions {
  /** Default: every factor that differs. */
  factors?: readonly string[];
  trials: number;
  budgetUsd?: number;
  /** Output tokens per call for the estimate (default: the bad call's recorded count). */
  expectedOutputTokens?: number;
}

/**
 * The arms of a bisection: the bad call as-is, then the bad call with one factor at a time
 * set to its good value, with the planned calls and their estimated cost. Throws a
 * ReplayError when there is nothing to bisect or the budget does not cover one trial.
 *
 * @example
 * const plan = planBisection(readRecordedCall(badSpan, badSpans), readRecordedCall(goodSpan, goodSpans), { trials: 20 });
 * plan.arms.map((a) => a.name) // ['bad', 'sampling']
 */
export function planBisection(
  bad: RecordedCall,
  good: RecordedCall,
  options: BisectionOptions,
): BisectionPlan {
  const { trials } = options;
  if (!Number.isInteger(trials) || trials < 1)
    throw new ReplayError('invalid_bisection', `trials must be a whole number >= 1, got ${trials}`);
  const { differences, unavailable } = differingFactors(bad, good);
  let chosen = differences;
  if (options.factors !== undefined && options.factors.length > 0) {
    chosen = options.factors.map((name) => {
      if (!BISECTION_FACTORS.includes(name as BisectionFactor))
        throw new ReplayError(
          'invalid_bisection',
          `unknown factor '${name}' (known: ${BISECTION_FACTORS.join(', ')})`,
        );
      const found = differences.find((d) => d.factor === name);
      if (!found) {
        const why = unavailable.find((u) => u.factor === name)?.reason;
        throw new ReplayError(
          'invalid_bisection',
          why
            ? `factor '${name}' cannot be swapped: ${why}`
            : `factor '${name}' is the same in the bad and the good call, so swapping it cannot change anything`,
        );
      }
      return found;
    });
  }
  if (chosen.length === 0)
    throw new ReplayError(
      'invalid_bisection',
      `the bad call (trace ${bad.traceId}) and the good call (trace ${good.traceId}) differ in none of ${BISECTION_FACTORS.join(', ')}` +
        (unavailable.length > 0
          ? `; ${unavailable.map((u) => `${u.factor}: ${u.reason}`).join('; ')}`
          : '') +
        ': pick a good reference that differs in configuration, not only in the user input',
    );
  const outputTokens = options.expectedOutputTokens;
  const arm = (factors: BisectionFactor[]): BisectionArm => {
    const request = swapFactors(bad, good, factors);
    return {
      name: factors.length === 0 ? 'bad' : factors.join('+'),
      factors,
      request,
      estimatedCostPerCallUsd: estimateCallCost(request, outputTokens),
    };
  };
  const factors = chosen.map((d) => d.factor);
  const arms = [arm([]), ...factors.map((f) => arm([f]))];
  const pairArms: BisectionArm[] = [];
  factors.forEach((a, i) => factors.slice(i + 1).forEach((b) => pairArms.push(arm([a, b]))));
  const unpriced = [
    ...new Set(
      arms.filter((a) => a.estimatedCostPerCallUsd === undefined).map((a) => a.request.model),
    ),
  ];
  const estimatedCostUsd =
    unpriced.length > 0
      ? null
      : arms.reduce((sum, a) => sum + (a.estimatedCostPerCallUsd ?? 0) * trials, 0);
  const perTrial = arms[0]?.estimatedCostPerCallUsd;
  if (options.budgetUsd !== undefined) {
    if (!(options.budgetUsd > 0))
      throw new ReplayError(
        'budget_too_small',
        `the budget must be a positive amount of USD, got ${options.budgetUsd}`,
      );
    if (perTrial !== undefined && perTrial > options.budgetUsd)
      throw new ReplayError(
        'budget_too_small',
        `a budget of $${options.budgetUsd} does not cover one trial: one call of ${arms[0]?.request.model} is estimated at $${perTrial.toFixed(6)} (price table)`,
      );
  }
  return {
    differences: chosen,
    unavailable,
    arms,
    pairArms,
    trials,
    plannedCalls: arms.length * trials,
    estimatedCostUsd,
    unpricedModels: unpriced,
  };
}
