import { expect, it } from 'vitest';
import type { TraceRowQuery } from '../../src/ports/trace-queries.js';
import { describeEachBackend } from '../support/backends.js';
import { classifier, llm } from '../support/classified-spans.js';
import { makeSpan } from '../support/span-factory.js';

const T0 = 1_700_000_000_000;

describeEachBackend('TraceQueries.traceRows', (opened) => {
  const store = () => opened.storage.traces;
  const rows = (query: Partial<TraceRowQuery>) =>
    store().traceRows({ projectId: 'default', from: T0, to: T0 + 100, limit: 100, ...query });

  it('reads a window oldest first with the fields aggregates need, ties by id', async () => {
    await store().writeSpans(
      [
        makeSpan({ traceId: 'b'.repeat(32), startMs: T0 + 10, status: 'error', sessionId: 's1' }),
        makeSpan({ traceId: 'a'.repeat(32), startMs: T0 + 10, name: 'chat' }),
        llm({
          traceId: 'c'.repeat(32),
          startMs: T0,
          finishReason: 'length',
          versions: { prompt: 'v2' },
        }),
        makeSpan({ traceId: 'd'.repeat(32), startMs: T0 + 101 }),
        makeSpan({ traceId: 'e'.repeat(32), startMs: T0 - 1 }),
        makeSpan({ traceId: 'f'.repeat(32), startMs: T0 + 5, projectId: 'other' }),
      ],
      { classifier: classifier() },
    );
    const read = await rows({});
    expect(read.map((r) => r.traceId)).toEqual(['c', 'a', 'b'].map((c) => c.repeat(32)));
    expect(read[0]).toEqual({
      traceId: 'c'.repeat(32),
      startMs: T0,
      rootName: 'step',
      models: ['gpt-4o'],
      categories: ['incomplete_response'],
      versions: { prompt: 'v2' },
      status: 'ok',
    });
    expect(read[1]).toMatchObject({ rootName: 'chat', categories: [], status: 'unset' });
    expect(read[2]).toMatchObject({ sessionId: 's1', status: 'error' });
    expect(read[1]).not.toHaveProperty('sessionId');
    // Inclusive bounds; the limit keeps the oldest.
    expect((await rows({ from: T0 + 10, to: T0 + 101 })).map((r) => r.traceId[0])).toEqual([
      'a',
      'b',
      'd',
    ]);
    expect((await rows({ limit: 2 })).map((r) => r.traceId[0])).toEqual(['c', 'a']);
    expect((await rows({ projectId: 'other' })).map((r) => r.traceId[0])).toEqual(['f']);
    expect(await rows({ from: T0 + 1000, to: T0 + 2000 })).toEqual([]);
  });

  it('refuses a bad window or limit, naming the field', async () => {
    await expect(rows({ limit: 0 })).rejects.toMatchObject({
      code: 'invalid_query',
      message: expect.stringContaining('limit'),
    });
    await expect(rows({ from: Number.NaN })).rejects.toMatchObject({
      message: expect.stringContaining('from must be a finite number'),
    });
    await expect(rows({ from: T0 + 5, to: T0 })).rejects.toMatchObject({
      message: expect.stringContaining('is after to'),
    });
    await expect(rows({ projectId: '' })).rejects.toMatchObject({
      message: 'projectId is required',
    });
  });
});
