import { expect, it } from 'vitest';
import { describeEachBackend } from '../support/backends.js';

describeEachBackend('LeaseStore', (opened) => {
  it('grants the lease to one holder until it expires or is released', async () => {
    const { detection } = opened.storage;
    expect(await detection.acquireLease('detection', 'r1', 1000, 10_000)).toBe(true);
    expect(await detection.acquireLease('detection', 'r2', 1000, 10_500)).toBe(false);
    expect(await detection.acquireLease('detection', 'r1', 1000, 10_600)).toBe(true);
    expect(await detection.acquireLease('detection', 'r2', 1000, 11_500)).toBe(false);
    expect(await detection.acquireLease('detection', 'r2', 1000, 11_700)).toBe(true);
    await detection.releaseLease('detection', 'r1');
    expect(await detection.acquireLease('detection', 'r1', 1000, 11_800)).toBe(false);
    await detection.releaseLease('detection', 'r2');
    expect(await detection.acquireLease('detection', 'r1', 1000, 11_900)).toBe(true);
  });
});
