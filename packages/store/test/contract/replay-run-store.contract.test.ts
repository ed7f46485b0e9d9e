import { describe, expect, it } from 'vitest';
import type { ReplayRun } from '../../src/ports/replay-run-store.js';
import { BACKENDS } from '../support/backends.js';

const run = (id: string, createdAtMs: number, extra: Partial<ReplayRun> = {}): ReplayRun => ({
  id,
  projectId: 'default',
  traceId: 'a'.repeat(32),
  spanId: 'b'.repeat(16),
  kind: 'bisect',
  createdAtMs,
  summary: 'sampling fixes it',
  result: {
    verdict: { kind: 'factor', factors: ['sampling'] },
    arms: [{ failures: 1.5 }],
    nothing: null,
  },
  ...extra,
});

for (const backend of BACKENDS) {
  describe(`replay run store contract: ${backend.name}`, () => {
    it('keeps runs per trace, newest first, with the whole result', async () => {
      const { storage, dispose } = await backend.open();
      try {
        const store = storage.replays;
        await store.saveRun(run('r1', 1000));
        await store.saveRun(run('r2', 3000, { kind: 'replay', summary: '2/5 failed' }));
        await store.saveRun(run('r3', 2000, { traceId: 'c'.repeat(32) }));
        await store.saveRun(run('r4', 4000, { projectId: 'other' }));
        const runs = await store.listRuns('default', 'a'.repeat(32));
        expect(runs.map((r) => r.id)).toEqual(['r2', 'r1']);
        expect(runs[1]).toEqual(run('r1', 1000));
        expect(await store.listRuns('default', 'a'.repeat(32), 1)).toHaveLength(1);
        expect(await store.getRun('default', 'r3')).toMatchObject({ traceId: 'c'.repeat(32) });
        expect(await store.getRun('default', 'r4')).toBeUndefined();
        expect(await store.getRun('other', 'r4')).toMatchObject({ projectId: 'other' });
      } finally {
        await dispose();
      }
    });

    it('lists the runs of a project in a time window, oldest first, across traces', async () => {
      const { storage, dispose } = await backend.open();
      try {
        const store = storage.replays;
        await store.saveRun(run('late', 5000));
        await store.saveRun(run('r1', 1000));
        await store.saveRun(run('r2', 2000, { traceId: 'c'.repeat(32), kind: 'replay' }));
        await store.saveRun(run('r3', 3000));
        await store.saveRun(run('o1', 2000, { projectId: 'other' }));
        const window = await store.listRunsBetween('default', 1000, 5000);
        expect(window.map((r) => r.id)).toEqual(['r1', 'r2', 'r3']);
        expect(window[1]).toEqual(run('r2', 2000, { traceId: 'c'.repeat(32), kind: 'replay' }));
        expect((await store.listRunsBetween('default', 0, 10_000, 2)).map((r) => r.id)).toEqual([
          'r1',
          'r2',
        ]);
        expect(await store.listRunsBetween('default', 6000, 7000)).toEqual([]);
      } finally {
        await dispose();
      }
    });

    it('refuses a second run with the same id in a project', async () => {
      const { storage, dispose } = await backend.open();
      try {
        await storage.replays.saveRun(run('same', 1));
        await expect(storage.replays.saveRun(run('same', 2))).rejects.toThrow();
        expect((await storage.replays.getRun('default', 'same'))?.createdAtMs).toBe(1);
      } finally {
        await dispose();
      }
    });
  });
}
