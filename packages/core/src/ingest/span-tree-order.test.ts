import { describe, expect, it } from 'vitest';
import { orderSpanTree } from './span-tree-order.js';

const span = (spanId: string, startMs: number, parentSpanId?: string) => ({
  spanId,
  startMs,
  ...(parentSpanId === undefined ? {} : { parentSpanId }),
});

describe('orderSpanTree', () => {
  it('puts parents before children and siblings by start time', () => {
    const spans = [span('c2', 30, 'r'), span('g', 25, 'c1'), span('c1', 20, 'r'), span('r', 10)];
    expect(orderSpanTree(spans).map((s) => s.spanId)).toEqual(['r', 'c1', 'g', 'c2']);
  });

  it('keeps orphans and spans caught in a parent cycle', () => {
    const spans = [span('a', 1, 'b'), span('b', 2, 'a'), span('o', 0, 'missing')];
    expect(orderSpanTree(spans).map((s) => s.spanId)).toEqual(['o', 'a', 'b']);
  });
});
