import { fisherExact } from '../stats/fisher-exact.js';
import { holmAdjust } from '../stats/p-adjust.js';
import { riskDifference } from '../stats/risk-difference.js';
import { wilsonInterval, type ProportionInterval } from '../stats/wilson-interval.js';
import type { BisectionFactor } from './bisection-factors.js';

/** What an arm's trials gave: judged trials, failures among them, provider errors apart. */
export interface ArmTally {
  name: string;
  factors: BisectionFactor[];
  /** Trials that got an answer and were judged. */
  trials: number;
  failures: number;
  /** Trials that got no answer (provider errors); not judged. */
  errors: number;
}

export interface ArmReport extends ArmTally {
  /** Failure rate with its Wilson 95 % interval; null without a judged trial. */
  failureRate: ProportionInterval | null;
  /** Fisher exact two-sided p against the bad arm. */
  pValue: number | null;
  /** Holm-adjusted across the swapped arms. */
  adjustedPValue: number | null;
  /** Bad failure rate minus this arm's, with Newcombe's 95 % interval. */
  effect: ProportionInterval | null;
  /** Significantly fewer failures than the bad arm. */
  fixes: boolean;
}

export type VerdictKind = 'factor' | 'pair' | 'several' | 'none' | 'abstain';

export interface BisectionVerdict {
  /**
   * factor: one factor fixes it; pair: no single factor but one pair does; several: more than
   * one fixes it on its own (or pairwise); none: no single factor does, pairs not tried yet;
   * abstain: no answer, `reason` says why.
   */
  kind: VerdictKind;
  factors: BisectionFactor[];
  reason: string;
}

/**
 * Tests each swapped arm against the bad one (Fisher exact, Holm across arms) and names the
 * factor whose swap fixes the failure, the pair when only a pair does, or abstains with why.
 *
 * @example
 * judgeBisection({ name: 'bad', factors: [], trials: 20, failures: 14, errors: 0 },
 *   [{ name: 'sampling', factors: ['sampling'], trials: 20, failures: 1, errors: 0 }]).verdict
 * // { kind: 'factor', factors: ['sampling'], reason: '...' }
 */
export function judgeBisection(
  bad: ArmTally,
  arms: readonly ArmTally[],
  alpha = 0.05,
): { bad: ArmReport; arms: ArmReport[]; verdict: BisectionVerdict } {
  const badReport: ArmReport = {
    ...bad,
    failureRate: bad.trials > 0 ? wilsonInterval(bad.failures, bad.trials) : null,
    pValue: null,
    adjustedPValue: null,
    effect: null,
    fixes: false,
  };
  const raw = arms.map((arm) =>
    bad.trials > 0 && arm.trials > 0
      ? fisherExact([
          [bad.failures, bad.trials - bad.failures],
          [arm.failures, arm.trials - arm.failures],
        ]).pValue
      : null,
  );
  const tested = raw.filter((p): p is number => p !== null);
  const adjusted = holmAdjust(tested);
  let next = 0;
  const reports: ArmReport[] = arms.map((arm, i) => {
    const p = raw[i] ?? null;
    const adjustedPValue = p === null ? null : (adjusted[next++] ?? null);
    const armRate = arm.trials > 0 ? arm.failures / arm.trials : null;
    return {
      ...arm,
      failureRate: arm.trials > 0 ? wilsonInterval(arm.failures, arm.trials) : null,
      pValue: p,
      adjustedPValue,
      effect:
        bad.trials > 0 && arm.trials > 0
          ? riskDifference(bad.failures, bad.trials, arm.failures, arm.trials)
          : null,
      fixes:
        adjustedPValue !== null &&
        adjustedPValue < alpha &&
        armRate !== null &&
        armRate < bad.failures / bad.trials,
    };
  });
  return { bad: badReport, arms: reports, verdict: verdictOf(bad, reports, alpha) };
}

function verdictOf(bad: ArmTally, arms: readonly ArmReport[], alpha: number): BisectionVerdict {
  const abstain = (reason: string): BisectionVerdict => ({ kind: 'abstain', factors: [], reason });
  if (bad.trials === 0)
    return abstain(
      `no replay of the bad call got an answer (${bad.errors} provider errors): nothing to compare against`,
    );
  if (bad.failures === 0)
    return abstain(
      `the bad call did not fail in ${bad.trials} replays: the failure does not reproduce from this call, so no swap can be credited (it may be rarer than 1 in ${bad.trials}, or come from another step of the trace)`,
    );
  const rate = `${bad.failures}/${bad.trials}`;
  const describe = (a: ArmReport) =>
    `${a.name}: ${a.failures}/${a.trials} failed vs ${rate}, Holm-adjusted p = ${format(a.adjustedPValue)}`;
  const byEffect = (xs: ArmReport[]) =>
    [...xs].sort((a, b) => (b.effect?.estimate ?? 0) - (a.effect?.estimate ?? 0));
  const singles = arms.filter((a) => a.factors.length === 1);
  const pairs = arms.filter((a) => a.factors.length === 2);
  const fixingSingles = byEffect(singles.filter((a) => a.fixes));
  if (fixingSingles.length === 1) {
    const [arm] = fixingSingles as [ArmReport];
    return { kind: 'factor', factors: arm.factors, reason: `swapping ${describe(arm)}` };
  }
  if (fixingSingles.length > 1)
    return {
      kind: 'several',
      factors: fixingSingles.map((a) => a.factors[0] as BisectionFactor),
      reason: `more than one factor fixes the failure on its own (${fixingSingles.map(describe).join('; ')}): they may share one cause`,
    };
  const untested = singles.filter((a) => a.trials === 0).map((a) => a.name);
  if (pairs.length === 0)
    return {
      kind: 'none',
      factors: [],
      reason:
        `no single factor's swap lowers the failure rate significantly at alpha ${alpha} (${singles.map(describe).join('; ')})` +
        (untested.length > 0 ? `; arms without an answered trial: ${untested.join(', ')}` : ''),
    };
  const fixingPairs = byEffect(pairs.filter((a) => a.fixes));
  if (fixingPairs.length === 1) {
    const [arm] = fixingPairs as [ArmReport];
    return {
      kind: 'pair',
      factors: arm.factors,
      reason: `no single factor fixes it, but swapping ${arm.factors.join(' and ')} together does (${describe(arm)})`,
    };
  }
  if (fixingPairs.length > 1)
    return {
      kind: 'several',
      factors: [...new Set(fixingPairs.flatMap((a) => a.factors))],
      reason: `no single factor fixes it; several pairs do (${fixingPairs.map(describe).join('; ')})`,
    };
  return abstain(
    `neither one factor nor a pair lowers the failure rate significantly (${[...singles, ...pairs].map(describe).join('; ')}): the cause may lie outside the compared configuration (the user input, the provider), or the effect is too small to show in ${bad.trials} trials`,
  );
}

function format(p: number | null): string {
  if (p === null) return 'n/a';
  return p < 0.001 ? p.toExponential(1) : p.toFixed(3);
}
