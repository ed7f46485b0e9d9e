import type { Span, TraceDetail } from '@glassbox/core/model';
import { describe, expect, it } from 'vitest';
import { sessionTurns } from './session-turns.js';

function detail(traceId: string, startMs: number, spans: Partial<Span>[]): TraceDetail {
  const full = spans.map(
    (s, i) =>
      ({
        spanId: `${traceId}-${i}`,
        kind: 'chain',
        inputMessages: [],
        outputMessages: [],
        ...s,
      }) as Span,
  );
  return {
    trace: {
      projectId: 'p',
      traceId,
      rootSpanId: full[0]?.spanId,
      rootName: 'chat',
      startMs,
      endMs: startMs + 10,
      durationMs: 10,
      status: 'ok',
      tags: [],
      models: ['gpt-4o'],
      usage: { input: 1, output: 2, cached: 0, total: 3 },
      costUsd: 0.01,
      spanCount: full.length,
      errorCount: 0,
      versions: {},
    },
    spans: full,
  };
}

describe('sessionTurns', () => {
  it('orders turns by time and reads question and answer from the root span', () => {
    const turns = sessionTurns([
      detail('t2', 200, [{ input: 'second?', output: 'two' }]),
      detail('t1', 100, [{ input: 'first?', output: 'one' }]),
    ]);
    expect(turns.map((t) => [t.traceId, t.user, t.assistant])).toEqual([
      ['t1', 'first?', 'one'],
      ['t2', 'second?', 'two'],
    ]);
    expect(turns[0]?.tokens).toBe(3);
  });

  it('falls back to the model calls when the root has no input or output', () => {
    const turns = sessionTurns([
      detail('t1', 0, [
        {},
        {
          kind: 'llm',
          inputMessages: [
            { role: 'system', content: 'be kind' },
            { role: 'user', content: 'old' },
            { role: 'user', content: 'latest question' },
          ],
          outputMessages: [{ role: 'assistant', content: 'the reply' }],
        },
      ]),
    ]);
    expect(turns[0]?.user).toBe('latest question');
    expect(turns[0]?.assistant).toBe('the reply');
  });
});
