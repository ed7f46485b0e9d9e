import { GLASSBOX_ATTRIBUTES } from '@glassbox/core/model';
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
});
