import type { Span, SpanKind } from '@glassbox/core/model';

/** Where one kind of span spent a trace's time and money. */
export interface KindSpend {
  kind: SpanKind;
  spans: number;
  /** Time in spans of this kind not covered by their children. */
  selfMs: number;
  tokens: number;
  costUsd: number;
}

/**
 * Time, tokens and cost per span kind, largest self time first. Self time subtracts the
 * children's time (clipped to the parent and merged where children overlap), so nested spans
 * are not counted twice; tokens and cost come from the spans that report them.
 *
 * @example
 * spendBreakdown(detail.spans)[0]; // { kind: 'llm', spans: 2, selfMs: 1500, tokens: 450, costUsd: 0.0004 }
 */
export function spendBreakdown(spans: readonly Span[]): KindSpend[] {
  const children = new Map<string, Span[]>();
  for (const span of spans) {
    if (!span.parentSpanId) continue;
    const list = children.get(span.parentSpanId);
    if (list) list.push(span);
    else children.set(span.parentSpanId, [span]);
  }
  const byKind = new Map<SpanKind, KindSpend>();
  for (const span of spans) {
    const entry = byKind.get(span.kind) ?? {
      kind: span.kind,
      spans: 0,
      selfMs: 0,
      tokens: 0,
      costUsd: 0,
    };
    entry.spans += 1;
    entry.selfMs += Math.max(0, span.durationMs - coveredMs(span, children.get(span.spanId) ?? []));
    entry.tokens += span.usage.total ?? (span.usage.input ?? 0) + (span.usage.output ?? 0);
    entry.costUsd += span.costUsd ?? 0;
    byKind.set(span.kind, entry);
  }
  return [...byKind.values()].sort((a, b) => b.selfMs - a.selfMs || b.costUsd - a.costUsd);
}

function coveredMs(parent: Span, kids: readonly Span[]): number {
  const start = parent.startMs;
  const end = parent.startMs + parent.durationMs;
  const intervals = kids
    .map((k) => [Math.max(start, k.startMs), Math.min(end, k.startMs + k.durationMs)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let covered = 0;
  let cursor = -Infinity;
  for (const [a, b] of intervals) {
    if (b <= cursor) continue;
    covered += b - Math.max(a, cursor);
    cursor = b;
  }
  return covered;
}
