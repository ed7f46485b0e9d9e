import { describe, expect, it } from 'vitest';
import { makeSpan } from '../../test/corpus/span-factory.js';
import { assembleTraces, tracesOf } from './assemble-traces.js';

describe('assembleTraces', () => {
  it('puts each trace together from written and stored spans, a written span replacing its stored copy', () => {
    const root = makeSpan({ spanId: 'r', usage: { input: 1, output: 1 } });
    const stored = [root, makeSpan({ spanId: 'c', parentSpanId: 'r', usage: { total: 5 } })];
    const resent = { ...root, usage: { input: 2, output: 2 } };
    const other = makeSpan({ traceId: 't2', spanId: 'x' });
    const traces = assembleTraces([resent, other], stored);
    expect(traces.map((t) => [t.traceId, t.spans.map((s) => s.spanId)])).toEqual([
      ['t1', ['r', 'c']],
      ['t2', ['x']],
    ]);
    expect(traces[0]?.spans[0]).toBe(resent);
    expect(traces[0]?.summary).toMatchObject({ spanCount: 2, rootSpanId: 'r' });
    expect(traces[0]?.summary.usage.total).toBe(9);
  });

  it('ignores stored spans of traces the write does not touch', () => {
    const traces = assembleTraces(
      [makeSpan({ spanId: 'a' })],
      [makeSpan({ traceId: 't9', spanId: 'z' })],
    );
    expect(traces.map((t) => t.traceId)).toEqual(['t1']);
  });
});

describe('tracesOf', () => {
  it('lists each trace once, per project, in first-seen order', () => {
    const spans = [
      { projectId: 'p', traceId: 'b' },
      { projectId: 'p', traceId: 'a' },
      { projectId: 'q', traceId: 'b' },
      { projectId: 'p', traceId: 'b' },
    ];
    expect(tracesOf(spans)).toEqual(spans.slice(0, 3));
  });
});
