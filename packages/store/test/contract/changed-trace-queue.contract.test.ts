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

describeEachBackend('ChangedTraceQueue maximum deferral', (opened) => {
  it('takes a trace still being written once it was first queued before queuedBeforeMs', async () => {
    const { traces, detection } = opened.storage;
    const traceId = 'c'.repeat(32);
    await traces.writeSpans([makeSpan({ traceId, spanId: '1'.repeat(16) })]);
    const firstQueuedBy = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await traces.writeSpans([
      makeSpan({ traceId, spanId: '2'.repeat(16), parentSpanId: '1'.repeat(16) }),
    ]);
    const notQuiet = Date.now() - 60_000;
    // Not quiet, and first queued after `firstQueuedBy - 60 s`: not taken.
    expect(
      await detection.claimChangedTraces({
        limit: 10,
        quietBeforeMs: notQuiet,
        queuedBeforeMs: firstQueuedBy - 60_000,
      }),
    ).toEqual([]);
    // The later write kept the first queue time: the trace is taken though not quiet.
    const claimed = await detection.claimChangedTraces({
      limit: 10,
      quietBeforeMs: notQuiet,
      queuedBeforeMs: firstQueuedBy,
    });
    expect(claimed).toEqual([{ projectId: 'default', traceId }]);
    // Written again after being taken: queued anew, from that write's time.
    await traces.writeSpans([
      makeSpan({ traceId, spanId: '3'.repeat(16), parentSpanId: '1'.repeat(16) }),
    ]);
    expect(
      await detection.claimChangedTraces({
        limit: 10,
        quietBeforeMs: notQuiet,
        queuedBeforeMs: firstQueuedBy,
      }),
    ).toEqual([]);
  });
});
