import type { Span } from '../model/span.js';

type TreeSpan = Pick<Span, 'spanId' | 'parentSpanId' | 'startMs'>;

function byStart(a: TreeSpan, b: TreeSpan): number {
  return a.startMs - b.startMs || (a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0);
}

/**
 * The spans of one trace in tree order: parents before children, siblings by start time.
 * Spans whose parent is missing from the trace are treated as roots, after the true roots.
 *
 * @example
 * orderSpanTree([child, root]); // [root, child]
 */
export function orderSpanTree<T extends TreeSpan>(spans: readonly T[]): T[] {
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map<string, T[]>();
  const roots: T[] = [];
  for (const span of spans) {
    const parent = span.parentSpanId;
    if (parent !== undefined && parent !== span.spanId && ids.has(parent)) {
      const list = children.get(parent);
      if (list) list.push(span);
      else children.set(parent, [span]);
    } else {
      roots.push(span);
    }
  }
  const ordered: T[] = [];
  const seen = new Set<string>();
  const visit = (span: T): void => {
    const stack: T[] = [span];
    while (stack.length > 0) {
      const next = stack.pop() as T;
      if (seen.has(next.spanId)) continue;
      seen.add(next.spanId);
      ordered.push(next);
      const kids = (children.get(next.spanId) ?? []).slice().sort(byStart);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as T);
    }
  };
  // A span with no parent at all is the real root; orphans whose parent never arrived follow.
  const rootRank = (s: TreeSpan): number => (s.parentSpanId === undefined ? 0 : 1);
  roots.sort((a, b) => rootRank(a) - rootRank(b) || byStart(a, b)).forEach(visit);
  // Spans caught in a parent cycle are never reached from a root; keep them rather than lose them.
  if (ordered.length < spans.length) {
    spans
      .filter((s) => !seen.has(s.spanId))
      .sort(byStart)
      .forEach(visit);
  }
  return ordered;
}
