import type { Span } from '../model/span.js';
import { makeFinding, type Finding } from './failure-categories.js';
import type { ClassifierThresholds } from './thresholds.js';

const TIMED_KINDS = new Set(['llm', 'tool', 'retriever', 'embedding', 'reranker']);

/** Total tokens of a span: the reported total, else input + output. */
export function spanTokens(span: Span): number {
  return span.usage.total ?? (span.usage.input ?? 0) + (span.usage.output ?? 0);
}

/** Latency, cost and token ceilings of one span. A timed-out span's latency is the timeout's story. */
export function budgetFindings(span: Span, t: ClassifierThresholds, timedOut: boolean): Finding[] {
  const out: Finding[] = [];
  const id = [span.spanId];
  if (!timedOut && TIMED_KINDS.has(span.kind) && span.durationMs > t.maxSpanLatencyMs) {
    out.push(
      makeFinding(
        'latency_over_budget',
        id,
        `${span.name} took ${Math.round(span.durationMs)} ms`,
        { durationMs: span.durationMs, threshold: t.maxSpanLatencyMs },
      ),
    );
  }
  if (span.costUsd !== undefined && span.costUsd > t.maxSpanCostUsd) {
    out.push(
      makeFinding('cost_over_budget', id, `${span.name} cost $${span.costUsd.toFixed(4)}`, {
        costUsd: span.costUsd,
        threshold: t.maxSpanCostUsd,
      }),
    );
  }
  const tokens = spanTokens(span);
  if (span.kind === 'llm' && tokens > t.maxSpanTokens) {
    out.push(
      makeFinding('token_over_budget', id, `${span.name} used ${tokens} tokens`, {
        tokens,
        threshold: t.maxSpanTokens,
      }),
    );
  }
  return out;
}
