import type { Span } from '@glassbox/core/model';
import { describe, expect, it } from 'vitest';
import { traceAnswer } from './trace-answer.js';

const span = (s: Partial<Span>) =>
  ({ kind: 'chain', outputMessages: [], startMs: 0, durationMs: 1, ...s }) as Span;

describe('traceAnswer', () => {
  it('prefers the root output', () => {
    expect(traceAnswer([span({ spanId: 'r', output: 'root says' })], 'r')).toBe('root says');
  });

  it('falls back to the reply of the model call that ended last', () => {
    const spans = [
      span({ spanId: 'r' }),
      span({
        spanId: 'b',
        kind: 'llm',
        startMs: 5,
        durationMs: 10,
        outputMessages: [{ role: 'assistant', content: 'final' }],
      }),
      span({
        spanId: 'a',
        kind: 'llm',
        startMs: 0,
        durationMs: 3,
        outputMessages: [{ role: 'assistant', content: 'draft' }],
      }),
    ];
    expect(traceAnswer(spans, 'r')).toBe('final');
  });

  it('is undefined when nothing answered', () => {
    expect(traceAnswer([span({ spanId: 'r' })], 'r')).toBeUndefined();
  });
});
