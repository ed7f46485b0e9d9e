import type { Span } from '@glassbox/core/model';
import { describe, expect, it } from 'vitest';
import { spendBreakdown } from './spend-breakdown.js';

const span = (s: Partial<Span>) => ({ usage: {}, ...s }) as Span;

describe('spendBreakdown', () => {
  it('counts self time without double counting nested or overlapping children', () => {
    const result = spendBreakdown([
      span({ spanId: 'root', kind: 'chain', startMs: 0, durationMs: 1100 }),
      span({ spanId: 'r', parentSpanId: 'root', kind: 'retriever', startMs: 0, durationMs: 200 }),
      span({
        spanId: 'l1',
        parentSpanId: 'root',
        kind: 'llm',
        startMs: 300,
        durationMs: 500,
        usage: { total: 100 },
        costUsd: 0.01,
      }),
      span({
        spanId: 'l2',
        parentSpanId: 'root',
        kind: 'llm',
        startMs: 600,
        durationMs: 300,
        usage: { input: 30, output: 20 },
        costUsd: 0.02,
      }),
    ]);
    expect(result.map((k) => [k.kind, k.spans, k.selfMs, k.tokens])).toEqual([
      ['llm', 2, 800, 150],
      ['chain', 1, 300, 0],
      ['retriever', 1, 200, 0],
    ]);
    expect(result[0]!.costUsd).toBeCloseTo(0.03);
  });

  it('clips children that run past their parent', () => {
    const result = spendBreakdown([
      span({ spanId: 'p', kind: 'agent', startMs: 0, durationMs: 100 }),
      span({ spanId: 'c', parentSpanId: 'p', kind: 'tool', startMs: 50, durationMs: 500 }),
    ]);
    expect(result.find((k) => k.kind === 'agent')?.selfMs).toBe(50);
  });
});
