import type { Span, SpanOutline } from '@glassbox/core/model';

/** One waterfall row: a span, its depth in the tree, and how many children it has. */
export interface SpanRow<S extends SpanOutline = Span> {
  span: S;
  depth: number;
  childCount: number;
}

/**
 * The span tree as parent -> children lists; spans whose parent is missing become roots.
 * Whole spans, or only their outlines (a large trace).
 */
export interface SpanTree<S extends SpanOutline = Span> {
  roots: S[];
  children: Map<string, S[]>;
  byId: Map<string, S>;
}

/**
 * Indexes spans by parent. Siblings are ordered by start time; spans whose parent is absent
 * from the trace (not yet arrived, or dropped) are kept as extra roots rather than hidden.
 *
 * @example
 * const tree = buildSpanTree(detail.spans);
 * const rows = visibleRows(tree, new Set());
 */
export function buildSpanTree<S extends SpanOutline>(spans: readonly S[]): SpanTree<S> {
  const byId = new Map<string, S>();
  for (const span of spans) byId.set(span.spanId, span);
  const children = new Map<string, S[]>();
  const roots: S[] = [];
  for (const span of spans) {
    const parentId = span.parentSpanId;
    if (parentId === undefined || parentId === span.spanId || !byId.has(parentId)) {
      roots.push(span);
      continue;
    }
    const list = children.get(parentId);
    if (list) list.push(span);
    else children.set(parentId, [span]);
  }
  const byStart = (a: S, b: S) => a.startMs - b.startMs;
  roots.sort(byStart);
  for (const list of children.values()) list.sort(byStart);
  return { roots, children, byId };
}

/**
 * Depth-first rows of the tree, skipping the descendants of collapsed spans. Iterative, so a
 * 10,000-deep chain of spans cannot overflow the stack; a cycle in parent ids is cut.
 */
export function visibleRows<S extends SpanOutline>(
  tree: SpanTree<S>,
  collapsed: ReadonlySet<string>,
): SpanRow<S>[] {
  const rows: SpanRow<S>[] = [];
  const seen = new Set<string>();
  const stack: { span: S; depth: number }[] = [];
  for (let i = tree.roots.length - 1; i >= 0; i--) stack.push({ span: tree.roots[i]!, depth: 0 });
  while (stack.length > 0) {
    const { span, depth } = stack.pop()!;
    if (seen.has(span.spanId)) continue;
    seen.add(span.spanId);
    const kids = tree.children.get(span.spanId) ?? [];
    rows.push({ span, depth, childCount: kids.length });
    if (collapsed.has(span.spanId)) continue;
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ span: kids[i]!, depth: depth + 1 });
  }
  return rows;
}

/** The ids of a span's ancestors, nearest first. */
export function ancestorsOf<S extends SpanOutline>(tree: SpanTree<S>, spanId: string): string[] {
  const ids: string[] = [];
  let current = tree.byId.get(spanId)?.parentSpanId;
  while (current !== undefined && tree.byId.has(current) && !ids.includes(current)) {
    ids.push(current);
    current = tree.byId.get(current)?.parentSpanId;
  }
  return ids;
}
