import type { FailureCategory } from '@glassbox/core/classify';
import {
  checkReplayAssertions,
  judgeBisection,
  planBisection,
  snapshotCall,
  readRecordedCall,
  ReplayError,
  targetCategories,
  type ArmReport,
  type ArmTally,
  type BisectionArm,
  type BisectionPlan,
  type BisectionVerdict,
  type FactorDifference,
  type RecordedCall,
  type ReplayAssertion,
  type SnapshotCall,
} from '@glassbox/core/replay';
import type { VersionSnapshot } from '@glassbox/core/model';
import {
  findGoodReference,
  loadTrace,
  pickLlmSpan,
  spanOf,
  type ReplayPorts,
} from './replay-inputs.js';
import type { ReplayProviders } from './replay-providers.js';
import { ReplayServiceError } from './replay-service-error.js';
import { runTrials, type Spend, type TrialJudge, type TrialResult } from './run-trials.js';
import type { TrialJudging } from './trial-judging.js';

export interface BisectOptions {
  /** The good reference; without it, the latest healthy trace of the route before the bad one. */
  goodTraceId?: string;
  /**
   * A version snapshot as the good reference instead of a trace: `own` for the failing span's
   * pinned versions (glassbox.version.*), or the snapshot itself.
   */
  goodVersions?: 'own' | VersionSnapshot;
  /** The bad trace's LLM span (default: the one its findings point at). */
  spanId?: string;
  /** The good trace's LLM span (default: the last one with the bad span's name). */
  goodSpanId?: string;
  factors?: string[];
  trials: number;
  budgetUsd?: number;
  /** Try pairs when no single factor fixes it (default true). */
  pairs?: boolean;
  /**
   * Categories a trial must not show (default: the failing trace's categories the good one
   * lacks; none when `assertions` are given, which then judge alone).
   */
  categories?: FailureCategory[];
  /** Deterministic assertions (contains, regex, is-json, glassbox:*) every answer must pass. */
  assertions?: ReplayAssertion[];
  /** Plan only: the calls and estimated cost, nothing sent. */
  dryRun?: boolean;
  concurrency?: number;
  onProgress?: (event: BisectProgress) => void;
  /** Where answers are judged (default: this thread). */
  judging?: TrialJudging;
}

export type BisectProgress =
  | { kind: 'plan'; arms: string[]; plannedCalls: number; estimatedCostUsd: number | null }
  | { kind: 'trial'; arm: string; done: number; of: number; calls: number; costUsd: number }
  | { kind: 'arm'; arm: string; failures: number; judged: number; errors: number };

/** One arm as run: the statistics, what it sent, and its trials in brief. */
export interface ArmResult extends ArmReport {
  model: string;
  costUsd: number;
  /** Why it ran fewer trials than planned (budget, unknown_model), if it did. */
  stopped: 'budget' | 'unknown_model' | null;
  trialResults: Pick<
    TrialResult,
    'index' | 'failed' | 'categories' | 'error' | 'latencyMs' | 'costUsd'
  >[];
}

export interface BisectionResult {
  traceId: string;
  spanId: string;
  goodTraceId: string;
  /**
   * `given`, `before` (found as the latest healthy trace of the route before the bad one), or
   * `snapshot` (the bad call with a version snapshot's pinned values; good ids are the bad ones).
   */
  goodReference: 'given' | 'before' | 'snapshot';
  /** With a snapshot reference: the snapshot, the keys applied and those it could not use. */
  snapshot?: { versions: VersionSnapshot } & Omit<SnapshotCall, 'call'>;
  goodSpanId: string;
  targetCategories: FailureCategory[];
  /** The assertions judged as well (a trial failing one fails). */
  assertions: ReplayAssertion[];
  differences: FactorDifference[];
  unavailable: BisectionPlan['unavailable'];
  plan: {
    trials: number;
    plannedCalls: number;
    estimatedCostUsd: number | null;
    unpricedModels: string[];
    budgetUsd: number | null;
    pairArms: string[];
  };
  /** The bad arm first; empty on a dry run. */
  arms: ArmResult[];
  verdict: BisectionVerdict | null;
  calls: number;
  costUsd: number;
  /** Set when the budget cap stopped the run: results so far are kept. */
  stoppedByBudget: boolean;
  wallMs: number;
}

/**
 * Bisects a failing trace against a good one: replays the bad LLM call as-is, then with one
 * differing factor at a time set to its good value (and pairs when no single one fixes it),
 * judging each answer with the classifier. Provider errors are recorded per trial; the budget
 * cap stops the run with the results so far.
 *
 * @example await bisectTrace(ports, providers, 'default', badId, { goodTraceId, trials: 20, budgetUsd: 1 })
 */
export async function bisectTrace(
  ports: ReplayPorts,
  providers: ReplayProviders,
  projectId: string,
  traceId: string,
  options: BisectOptions,
): Promise<BisectionResult> {
  const started = performance.now();
  const bad = await loadTrace(ports, projectId, traceId);
  const badSpan = options.spanId ? spanOf(bad, options.spanId) : pickLlmSpan(bad);
  const badCall = readRecordedCall(badSpan, bad.spans);
  let good = bad;
  let goodSpan = badSpan;
  let goodCall: RecordedCall;
  let snapshot: BisectionResult['snapshot'];
  if (options.goodVersions) {
    const versions = options.goodVersions === 'own' ? badSpan.versions : options.goodVersions;
    if (Object.keys(versions).length === 0)
      throw new ReplayError(
        'invalid_bisection',
        `span ${badSpan.spanId} carries no version snapshot (glassbox.version.* attributes): give the snapshot in good.versions, or a good trace`,
      );
    const { call, ...used } = snapshotCall(badCall, versions);
    goodCall = call;
    snapshot = { versions, ...used };
  } else {
    const goodTraceId = options.goodTraceId ?? (await findGoodReference(ports, projectId, bad));
    good = await loadTrace(ports, projectId, goodTraceId);
    goodSpan = options.goodSpanId ? spanOf(good, options.goodSpanId) : pickLlmSpan(good, badSpan);
    goodCall = readRecordedCall(goodSpan, good.spans);
  }
  const assertions = options.assertions ?? [];
  checkReplayAssertions(assertions);
  const targets =
    options.categories ??
    (assertions.length > 0
      ? []
      : targetCategories(bad.findings, snapshot ? undefined : good.findings));
  if (targets.length === 0 && assertions.length === 0)
    throw new ReplayError(
      'invalid_bisection',
      `trace ${bad.traceId} has no findings, so there is no failure to clear: name the categories a replay must not show in categories, or give assertions`,
    );
  const plan = planBisection(badCall, goodCall, {
    trials: options.trials,
    ...(options.factors ? { factors: options.factors } : {}),
    ...(options.budgetUsd !== undefined ? { budgetUsd: options.budgetUsd } : {}),
    ...(badSpan.usage.output ? { expectedOutputTokens: badSpan.usage.output } : {}),
  });
  for (const arm of plan.arms) providers.clientFor(arm.request.model);
  options.onProgress?.({
    kind: 'plan',
    arms: plan.arms.map((a) => a.name),
    plannedCalls: plan.plannedCalls,
    estimatedCostUsd: plan.estimatedCostUsd,
  });
  const result: BisectionResult = {
    traceId: bad.traceId,
    spanId: badSpan.spanId,
    goodTraceId: good.traceId,
    goodReference: snapshot ? 'snapshot' : options.goodTraceId ? 'given' : 'before',
    ...(snapshot ? { snapshot } : {}),
    goodSpanId: goodSpan.spanId,
    targetCategories: targets,
    assertions,
    differences: plan.differences,
    unavailable: plan.unavailable,
    plan: {
      trials: plan.trials,
      plannedCalls: plan.plannedCalls,
      estimatedCostUsd: plan.estimatedCostUsd,
      unpricedModels: plan.unpricedModels,
      budgetUsd: options.budgetUsd ?? null,
      pairArms: plan.pairArms.map((a) => a.name),
    },
    arms: [],
    verdict: null,
    calls: 0,
    costUsd: 0,
    stoppedByBudget: false,
    wallMs: 0,
  };
  if (options.dryRun) return finish(result, started);

  const spend: Spend = {
    costUsd: 0,
    calls: 0,
    capped: false,
    ...(options.budgetUsd !== undefined ? { budgetUsd: options.budgetUsd } : {}),
  };
  const runs: {
    arm: BisectionArm;
    tally: ArmTally;
    trials: TrialResult[];
    costUsd: number;
    stopped: ArmResult['stopped'];
  }[] = [];
  const runArm = async (arm: BisectionArm): Promise<void> => {
    const judge: TrialJudge = {
      original: badSpan,
      traceSpans: bad.spans,
      targets,
      thresholds: bad.thresholds,
      ...(assertions.length > 0 ? { assertions } : {}),
      ...(arm.factors.includes('context') ? { documents: goodCall.documents } : {}),
    };
    const before = spend.costUsd;
    let done = 0;
    const { trials, unknownModel } = await runTrials(providers, arm.request, judge, {
      trials: plan.trials,
      concurrency: options.concurrency ?? 4,
      estimatedCostUsd: arm.estimatedCostPerCallUsd,
      spend,
      ...(options.judging ? { judging: options.judging } : {}),
      onTrial: () =>
        options.onProgress?.({
          kind: 'trial',
          arm: arm.name,
          done: ++done,
          of: plan.trials,
          calls: spend.calls,
          costUsd: spend.costUsd,
        }),
    });
    if (unknownModel && arm.factors.length === 0 && trials.every((t) => t.error))
      throw new ReplayServiceError(
        'unknown_model',
        `the provider does not know model '${arm.request.model}': ${trials[0]?.error?.message ?? ''}`,
      );
    const judged = trials.filter((t) => t.failed !== null);
    const tally: ArmTally = {
      name: arm.name,
      factors: arm.factors,
      trials: judged.length,
      failures: judged.filter((t) => t.failed).length,
      errors: trials.length - judged.length,
    };
    runs.push({
      arm,
      tally,
      trials,
      costUsd: spend.costUsd - before,
      stopped: unknownModel
        ? 'unknown_model'
        : trials.length < plan.trials && spend.capped
          ? 'budget'
          : null,
    });
    options.onProgress?.({
      kind: 'arm',
      arm: arm.name,
      failures: tally.failures,
      judged: tally.trials,
      errors: tally.errors,
    });
  };

  for (const arm of plan.arms) {
    if (spend.capped) break;
    await runArm(arm);
  }
  let judged = judgeBisection(
    runs[0]!.tally,
    runs.slice(1).map((r) => r.tally),
  );
  if (
    judged.verdict.kind === 'none' &&
    options.pairs !== false &&
    plan.pairArms.length > 0 &&
    !spend.capped
  ) {
    for (const arm of plan.pairArms) {
      if (spend.capped) break;
      await runArm(arm);
    }
    judged = judgeBisection(
      runs[0]!.tally,
      runs.slice(1).map((r) => r.tally),
    );
  }
  const reports = [judged.bad, ...judged.arms];
  result.arms = runs.map((run, i) => ({
    ...reports[i]!,
    model: run.arm.request.model,
    costUsd: round(run.costUsd),
    stopped: run.stopped,
    trialResults: run.trials.map((t) => ({
      index: t.index,
      failed: t.failed,
      categories: t.categories,
      latencyMs: t.latencyMs,
      ...(t.error ? { error: t.error } : {}),
      ...(t.costUsd !== undefined ? { costUsd: t.costUsd } : {}),
    })),
  }));
  const notRun = [...plan.arms, ...plan.pairArms].filter((a) => !runs.some((r) => r.arm === a));
  result.verdict =
    spend.capped && judged.verdict.kind !== 'factor'
      ? {
          ...judged.verdict,
          kind: judged.verdict.kind === 'none' ? 'abstain' : judged.verdict.kind,
          reason: `${judged.verdict.reason}; the budget of $${options.budgetUsd} stopped the run before ${notRun.map((a) => a.name).join(', ') || 'every planned trial'}`,
        }
      : judged.verdict;
  result.calls = spend.calls;
  result.costUsd = round(spend.costUsd);
  result.stoppedByBudget = spend.capped;
  return finish(result, started);
}

function finish(result: BisectionResult, started: number): BisectionResult {
  result.wallMs = Math.round(performance.now() - started);
  return result;
}

const round = (usd: number) => Math.round(usd * 1e8) / 1e8;
