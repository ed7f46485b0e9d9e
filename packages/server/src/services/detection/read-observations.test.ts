import { failureClassifier, LARGE_TRACE_SPANS } from '@glassbox/core/ingest';
import { GLASSBOX_ATTRIBUTES, type Span } from '@glassbox/core/model';
import { createMemoryStorage } from '@glassbox/store';
import { describe, expect, it } from 'vitest';
import { requestSpan } from '../../../test/support/request-span.js';
import { readObservations } from './read-observations.js';

const T0 = Date.UTC(2026, 0, 1);

describe('readObservations', () => {
  it('leaves replayed runs out of what monitors see', async () => {
    const storage = createMemoryStorage();
    const replayed = requestSpan(2, T0 + 1000);
    await storage.traces.writeSpans([
      requestSpan(1, T0),
      {
        ...replayed,
        attributes: {
          ...replayed.attributes,
          [GLASSBOX_ATTRIBUTES.replayOfTrace]: '1'.padStart(32, '0'),
        },
      },
    ]);
    const changed = await readObservations(storage, { limit: 100, quietBeforeMs: Date.now() + 1 });
    expect(changed.get('default')?.map((p) => p.traceId)).toEqual(['1'.padStart(32, '0')]);
    const stored = await storage.detection.listObservations({ projectId: 'default', limit: 10 });
    expect(stored.map((o) => o.traceId)).toEqual(['1'.padStart(32, '0')]);
  });

  it('classifies a large trace that ingest extended without classifying', async () => {
    const storage = createMemoryStorage();
    const root = requestSpan(1, T0);
    const child = (i: number, fields: Partial<Span> = {}): Span => ({
      ...requestSpan(i, T0 + i),
      traceId: root.traceId,
      parentSpanId: root.spanId,
      ...fields,
    });
    const classifier = failureClassifier();
    const bulk = Array.from({ length: LARGE_TRACE_SPANS }, (_, i) => child(i + 2));
    await storage.traces.writeSpans([root, ...bulk], { classifier });
    const loop = [1, 2, 3].map((i) =>
      child(LARGE_TRACE_SPANS + 10 + i, {
        kind: 'tool',
        name: 'search_flights',
        tool: { name: 'search_flights', arguments: '{"to":"LIS"}', result: '{"ok":true}' },
      }),
    );
    await storage.traces.writeSpans(loop, { classifier });
    const before = await storage.traces.getFindings('default', root.traceId);
    expect(before.map((f) => f.category)).not.toContain('tool_loop');
    await readObservations(storage, {
      limit: 100,
      quietBeforeMs: Date.now() + 1,
      classifierOf: async () => classifier,
    });
    const findings = await storage.traces.getFindings('default', root.traceId);
    expect(findings.map((f) => f.category)).toContain('tool_loop');
    const [observation] = await storage.detection.listObservations({
      projectId: 'default',
      limit: 10,
    });
    expect(observation?.traceId).toBe(root.traceId);
  });
});
