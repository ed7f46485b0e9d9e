import { makeObservation } from '@glassbox/core/testing';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../support/backends.js';

describeEachBackend('ObservationStore', (opened) => {
  it('keeps observations in event-time order, replaces by trace, pages after a position', async () => {
    const { detection } = opened.storage;
    await detection.putObservations([
      makeObservation({ projectId: 'default', traceId: 'c', eventMs: 300 }),
      makeObservation({ projectId: 'default', traceId: 'a', eventMs: 100 }),
      makeObservation({ projectId: 'default', traceId: 'b', eventMs: 100 }),
      makeObservation({ projectId: 'other', traceId: 'z', eventMs: 100 }),
    ]);
    await detection.putObservations([
      makeObservation({ projectId: 'default', traceId: 'c', eventMs: 200, error: true }),
    ]);
    const all = await detection.listObservations({ projectId: 'default', limit: 10 });
    expect(all.map((o) => [o.traceId, o.eventMs])).toEqual([
      ['a', 100],
      ['b', 100],
      ['c', 200],
    ]);
    expect(all[2]?.error).toBe(true);
    const after = await detection.listObservations({
      projectId: 'default',
      after: { ms: 100, traceId: 'a' },
      limit: 10,
    });
    expect(after.map((o) => o.traceId)).toEqual(['b', 'c']);
    expect(
      (
        await detection.listObservations({ projectId: 'default', from: 150, to: 250, limit: 10 })
      ).map((o) => o.traceId),
    ).toEqual(['c']);
  });
});
