import { describe, expect, it } from 'vitest';
import { makeSpan as makeCorpusSpan } from '../../test/corpus/span-factory.js';
import type { Span } from '../model/span.js';
import { summarizeTrace } from './summarize-trace.js';

let spanCount = 0;
/** A stored-looking span: unset status and an id of its own unless given. */
const makeSpan = (fields: Partial<Span>): Span =>
  makeCorpusSpan({ spanId: `s${++spanCount}`, status: 'unset', ...fields });

describe('summarizeTrace', () => {
  const traceId = 't1';
  it('takes the root input and output, falling back to its messages', () => {
    const root = makeSpan({
      traceId,
      spanId: 'r',
      inputMessages: [
        { role: 'user', content: 'first' },
        { role: 'user', content: 'last question' },
        { role: 'assistant', content: 'thinking' },
      ],
      outputMessages: [{ role: 'assistant', content: 'reply' }],
    });
    const summary = summarizeTrace([root, makeSpan({ traceId, parentSpanId: 'r', input: 'x' })]);
    expect(summary.input).toBe('last question');
    expect(summary.output).toBe('reply');
  });

  it('prefers a span without a parent over an orphan as root', () => {
    const orphan = makeSpan({ traceId, spanId: 'o', parentSpanId: 'gone', startMs: 1 });
    const root = makeSpan({ traceId, spanId: 'r', startMs: 5, name: 'root' });
    expect(summarizeTrace([orphan, root]).rootName).toBe('root');
  });

  it('counts totals without usage as input plus output and keeps the first version seen', () => {
    const summary = summarizeTrace([
      makeSpan({ traceId, spanId: 'a', usage: { input: 3, output: 4 }, versions: { p: '1' } }),
      makeSpan({
        traceId,
        spanId: 'b',
        parentSpanId: 'a',
        usage: { total: 10 },
        versions: { p: '2', q: 'x' },
      }),
    ]);
    expect(summary.usage).toEqual({ input: 3, output: 4, cached: 0, total: 17 });
    expect(summary.versions).toEqual({ p: '1', q: 'x' });
    expect(summary.status).toBe('unset');
  });

  it('refuses an empty trace', () => {
    expect(() => summarizeTrace([])).toThrow(RangeError);
  });
});
