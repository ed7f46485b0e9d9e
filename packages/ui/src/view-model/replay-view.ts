import type { FailureCategory } from '@glassbox/core/classify';
import type {
  ChatRequest,
  ArmReport,
  BisectionVerdict,
  FactorDifference,
} from '@glassbox/core/replay';
import type { ProportionInterval } from '@glassbox/core/stats';

/** One replayed call as the replay route answers it. */
export interface TrialView {
  index: number;
  output: string | null;
  categories: FailureCategory[];
  findings: { category: FailureCategory; message: string }[];
  failed: boolean | null;
  assertionFailures?: string[];
  error?: { status?: number; code?: string; message: string };
  usage?: { input?: number; output?: number; total?: number };
  costUsd?: number;
  latencyMs: number;
}

/** POST /api/traces/:traceId/spans/:spanId/replays, as the UI reads it. */
export interface ReplayView {
  runId?: string;
  traceId: string;
  spanId: string;
  request: ChatRequest;
  overridden: string[];
  assertions?: { type: string; value?: unknown }[];
  targetCategories: FailureCategory[];
  trials: TrialView[];
  judged: number;
  failures: number;
  errors: number;
  failureRate: ProportionInterval | null;
  costUsd: number;
  wallMs: number;
}

/** One arm of a bisection as run. */
export interface ArmView extends ArmReport {
  model: string;
  costUsd: number;
  stopped: 'budget' | 'unknown_model' | null;
}

/** POST /api/traces/:traceId/bisect, as the UI reads it. */
export interface BisectionView {
  runId?: string | null;
  traceId: string;
  spanId: string;
  goodTraceId: string;
  goodReference: 'given' | 'before' | 'snapshot';
  goodSpanId: string;
  snapshot?: {
    versions: Record<string, string>;
    applied: string[];
    ignored: { key: string; reason: string }[];
  };
  assertions?: { type: string; value?: unknown }[];
  targetCategories: FailureCategory[];
  differences: FactorDifference[];
  unavailable: { factor: string; reason: string }[];
  plan: {
    trials: number;
    plannedCalls: number;
    estimatedCostUsd: number | null;
    unpricedModels: string[];
    budgetUsd: number | null;
    pairArms: string[];
  };
  arms: ArmView[];
  verdict: BisectionVerdict | null;
  calls: number;
  costUsd: number;
  stoppedByBudget: boolean;
  wallMs: number;
}

/** A share as a percentage with at most one decimal: 0.125 -> "12.5 %". */
export function formatShare(share: number): string {
  return `${Math.round(share * 1000) / 10} %`;
}

/** A proportion and its interval: "35 % (18.1 % – 56.7 %)". */
export function formatInterval(interval: ProportionInterval | null): string {
  if (!interval) return '—';
  return `${formatShare(interval.estimate)} (${formatShare(interval.lower)} – ${formatShare(interval.upper)})`;
}

/** A p-value for a table: "< 0.001" below a thousandth, else three significant digits. */
export function formatPValue(p: number | null): string {
  if (p === null) return '—';
  if (p < 0.001) return '< 0.001';
  return p.toPrecision(2);
}

/** The verdict in one sentence. */
export function verdictLine(verdict: BisectionVerdict | null): string {
  if (!verdict) return 'Planned only: nothing was sent.';
  if (verdict.kind === 'factor') return `${verdict.factors[0]} fixes it`;
  if (verdict.kind === 'pair') return `${verdict.factors.join(' + ')} together fix it`;
  if (verdict.kind === 'several') return `several factors fix it: ${verdict.factors.join(', ')}`;
  if (verdict.kind === 'none') return 'no single factor fixes it';
  return 'abstained';
}
