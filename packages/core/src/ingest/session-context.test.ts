import { describe, expect, it } from 'vitest';
import { makeSpan } from '../../test/corpus/span-factory.js';
import type { Span } from '../model/span.js';
import { assembleTraces } from './assemble-traces.js';
import { planSessionReads, sessionContext } from './session-context.js';

const tool = (traceId: string, startMs: number, sessionId = 's1'): Span =>
  makeSpan({ traceId, spanId: `${traceId}-${startMs}`, kind: 'tool', startMs, sessionId });

describe('session context', () => {
  const policy = { kinds: ['tool' as const], limit: 2 };

  it('reads each session once, leaving out the traces the write touches', () => {
    const traces = assembleTraces(
      [tool('a', 10), tool('b', 20), tool('c', 30, 's2'), makeSpan({ traceId: 'd', spanId: 'd' })],
      [],
    );
    expect(planSessionReads(traces, policy).map((r) => r.query)).toEqual([
      { projectId: 'p1', sessionId: 's1', excludeTraceIds: ['a', 'b'], ...policy },
      { projectId: 'p1', sessionId: 's2', excludeTraceIds: ['c'], ...policy },
    ]);
    expect(planSessionReads(traces, undefined)).toEqual([]);
    // 'd' holds no tool span: nothing in its session could match it, so nothing is read.
    const chat = assembleTraces([makeSpan({ traceId: 'e', spanId: 'e', sessionId: 's3' })], []);
    expect(planSessionReads(chat, policy)).toEqual([]);
    expect(planSessionReads(traces, { kinds: [], limit: 5 })).toEqual([]);
  });

  it('gives each trace the newest spans of the session’s other traces, stored and written alike', () => {
    const traces = assembleTraces([tool('a', 10), tool('b', 20)], []);
    const reads = planSessionReads(traces, policy);
    const stored = [[tool('old', 5), tool('older', 1)]];
    const context = sessionContext(reads, stored);
    expect(context.get('p1\u0000a')?.map((s) => s.spanId)).toEqual(['b-20', 'old-5']);
    expect(context.get('p1\u0000b')?.map((s) => s.spanId)).toEqual(['a-10', 'old-5']);
  });
});
