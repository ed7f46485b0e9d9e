import type { Span } from '@glassbox/core/model';
import { describe, expect, it } from 'vitest';
import { ancestorsOf, buildSpanTree, visibleRows } from './span-tree.js';

function span(spanId: string, parentSpanId: string | undefined, startMs: number): Span {
  return {
    projectId: 'p',
    traceId: 't',
    spanId,
    ...(parentSpanId ? { parentSpanId } : {}),
    name: spanId,
    kind: 'chain',
    startTimeUnixNano: '0',
    endTimeUnixNano: '0',
    startMs,
    durationMs: 1,
    status: 'ok',
    parameters: {},
    inputMessages: [],
    outputMessages: [],
    usage: {},
    toolDefinitions: [],
    documents: [],
    tags: [],
    metadata: {},
    versions: {},
    resource: {},
    scope: { name: 's' },
    attributes: {},
    events: [],
  };
}

describe('buildSpanTree and visibleRows', () => {
  const spans = [
    span('root', undefined, 0),
    span('b', 'root', 20),
    span('a', 'root', 10),
    span('a1', 'a', 11),
    span('orphan', 'missing', 5),
  ];

  it('orders rows depth first with siblings by start time', () => {
    const rows = visibleRows(buildSpanTree(spans), new Set());
    expect(rows.map((r) => `${r.span.spanId}:${r.depth}:${r.childCount}`)).toEqual([
      'root:0:2',
      'a:1:1',
      'a1:2:0',
      'b:1:0',
      'orphan:0:0',
    ]);
  });

  it('hides the descendants of collapsed spans', () => {
    const rows = visibleRows(buildSpanTree(spans), new Set(['a']));
    expect(rows.map((r) => r.span.spanId)).toEqual(['root', 'a', 'b', 'orphan']);
  });

  it('handles a 10,000-deep chain without recursion', () => {
    const chain = Array.from({ length: 10_000 }, (_, i) =>
      span(`s${i}`, i === 0 ? undefined : `s${i - 1}`, i),
    );
    const rows = visibleRows(buildSpanTree(chain), new Set());
    expect(rows).toHaveLength(10_000);
    expect(rows[9_999]?.depth).toBe(9_999);
  });

  it('cuts cycles in parent ids', () => {
    const cyclic = [span('x', 'y', 0), span('y', 'x', 1), span('r', undefined, 0)];
    const rows = visibleRows(buildSpanTree(cyclic), new Set());
    expect(rows.map((r) => r.span.spanId)).toEqual(['r']);
  });

  it('lists ancestors nearest first', () => {
    expect(ancestorsOf(buildSpanTree(spans), 'a1')).toEqual(['a', 'root']);
    expect(ancestorsOf(buildSpanTree(spans), 'orphan')).toEqual([]);
  });
});
