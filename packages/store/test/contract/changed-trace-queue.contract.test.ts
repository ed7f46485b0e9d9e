import { expect, it } from 'vitest';
import { describeEachBackend } from '../support/backends.js';
import { makeSpan } from '../support/span-factory.js';

describeEachBackend('ChangedTraceQueue', (opened) => {
  it('queues written traces once, again after they change, only when quiet long enough', async () => {
    const { traces, detection } = opened.storage;
    await traces.writeSpans([
      makeSpan({ projectId: 'default', traceId: 'a'.repeat(32), spanId: '1'.repeat(16) }),
    ]);
    await traces.writeSpans([
      makeSpan({ projectId: 'default', traceId: 'b'.repeat(32), spanId: '2'.repeat(16) }),
    ]);
    expect(
      await detection.claimChangedTraces({ limit: 10, quietBeforeMs: Date.now() - 60_000 }),
    ).toEqual([]);
    const first = await detection.claimChangedTraces({
      limit: 10,
      quietBeforeMs: Date.now() + 1000,
    });
    expect(first.map((r) => r.traceId).sort()).toEqual(['a'.repeat(32), 'b'.repeat(32)]);
    expect(
      await detection.claimChangedTraces({ limit: 10, quietBeforeMs: Date.now() + 1000 }),
    ).toEqual([]);
    await traces.writeSpans([
      makeSpan({
        projectId: 'default',
        traceId: 'a'.repeat(32),
        spanId: '3'.repeat(16),
        parentSpanId: '1'.repeat(16),
      }),
    ]);
    expect(
      await detection.claimChangedTraces({ limit: 10, quietBeforeMs: Date.now() + 1000 }),
    ).toEqual([{ projectId: 'default', traceId: 'a'.repeat(32) }]);
  });
});
