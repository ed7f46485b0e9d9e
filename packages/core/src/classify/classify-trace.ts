import type { Span } from '../model/span.js';
import { abstentionFindings } from './abstention-rules.js';
import { loopFindings, pingPongFindings, stepLimitFindings } from './agent-rules.js';
import { spanTokens } from './budget-rules.js';
import { classifySpan } from './classify-span.js';
import { makeFinding, type Finding } from './failure-categories.js';
import { groundingFindings } from './grounding-rules.js';
import { routingFindings } from './routing-rules.js';
import { dropRescuedLowRelevance } from './reranker-rescue.js';
import { duplicateSideEffectFindings } from './side-effect-rules.js';
import { DEFAULT_THRESHOLDS, type ClassifierThresholds } from './thresholds.js';

/**
 * Findings that need the whole trace: tool loops, agent ping-pong, the step limit, duplicate
 * side effects (also against `sessionSpans`, earlier spans of the same session), an answer
 * not grounded in what was retrieved, an answer saying the retrieved documents do not cover
 * the question, routing against the expected route, and trace-wide
 * latency / cost / token ceilings. Per-span findings come from `classifySpan`.
 *
 * @example
 * classifyTrace(spans, resolveThresholds({ stepLimit: 10 }), earlierSessionSpans);
 */
export function classifyTrace(
  spans: Span[],
  thresholds: ClassifierThresholds = DEFAULT_THRESHOLDS,
  sessionSpans: Span[] = [],
): Finding[] {
  if (spans.length === 0) return [];
  return [
    ...loopFindings(spans, thresholds),
    ...pingPongFindings(spans, thresholds),
    ...stepLimitFindings(spans, thresholds),
    ...duplicateSideEffectFindings(spans, sessionSpans),
    ...groundingFindings(spans, thresholds),
    ...abstentionFindings(spans, thresholds),
    ...routingFindings(spans),
    ...traceBudgetFindings(spans, thresholds),
  ];
}

/**
 * Every finding of a trace: each span's, then the trace-level ones. A retriever's low relevance
 * is dropped when a later reranker rated its documents relevant (`dropRescuedLowRelevance`).
 *
 * @example
 * findFailures(spans).map((f) => f.category); // ['timeout', 'duplicate_side_effect']
 */
export function findFailures(
  spans: Span[],
  thresholds: ClassifierThresholds = DEFAULT_THRESHOLDS,
  sessionSpans: Span[] = [],
): Finding[] {
  const perSpan = dropRescuedLowRelevance(
    spans.flatMap((s) => classifySpan(s, thresholds)),
    spans,
  );
  return [...perSpan, ...classifyTrace(spans, thresholds, sessionSpans)];
}

function traceBudgetFindings(spans: Span[], t: ClassifierThresholds): Finding[] {
  const root = spans.find((s) => s.parentSpanId === undefined) ?? spans[0]!;
  const start = Math.min(...spans.map((s) => s.startMs));
  const end = Math.max(...spans.map((s) => s.startMs + s.durationMs));
  const cost = spans.reduce((sum, s) => sum + (s.costUsd ?? 0), 0);
  const tokens = spans.filter((s) => s.kind === 'llm').reduce((sum, s) => sum + spanTokens(s), 0);
  const out: Finding[] = [];
  const id = [root.spanId];
  if (end - start > t.maxTraceLatencyMs) {
    out.push(
      makeFinding('latency_over_budget', id, `trace took ${Math.round(end - start)} ms`, {
        traceDurationMs: end - start,
        threshold: t.maxTraceLatencyMs,
      }),
    );
  }
  if (cost > t.maxTraceCostUsd) {
    out.push(
      makeFinding('cost_over_budget', id, `trace cost $${cost.toFixed(4)}`, {
        traceCostUsd: cost,
        threshold: t.maxTraceCostUsd,
      }),
    );
  }
  if (tokens > t.maxTraceTokens) {
    out.push(
      makeFinding('token_over_budget', id, `trace used ${tokens} tokens`, {
        traceTokens: tokens,
        threshold: t.maxTraceTokens,
      }),
    );
  }
  return out;
}
