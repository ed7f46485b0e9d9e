import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryStorage, openStorage, type SweepResult } from '@glassbox/store';
import { describe, expect, it } from 'vitest';
import { requestSpan } from '../../../test/support/request-span.js';
import { RetentionSweeper } from './retention-sweeper.js';
import { startRetentionThread } from './retention-thread.js';

const DAY = 86_400_000;

describe('retention sweep', () => {
  it('sweeps in bounded batches and only on the replica holding the lease', async () => {
    const storage = createMemoryStorage();
    const now = Date.now();
    await storage.traces.writeSpans(
      Array.from({ length: 5 }, (_, i) => requestSpan(i + 1, now - 40 * DAY)),
    );
    await storage.maintenance.setRetention('default', { traceDays: 30, contentDays: null });
    const a = new RetentionSweeper(storage, { batchLimit: 2 });
    const b = new RetentionSweeper(storage, { batchLimit: 2 });
    expect(await a.sweepOnce()).toMatchObject({ tracesDeleted: 2, more: true });
    expect(await b.sweepOnce()).toBeUndefined();
    expect(await a.sweepOnce()).toMatchObject({ tracesDeleted: 2, more: true });
    expect(await a.sweepOnce()).toMatchObject({ tracesDeleted: 1, more: false });
    expect((await storage.traces.listTraces({ projectId: 'default', limit: 10 })).items).toEqual(
      [],
    );
  });

  it('pauses after a batch that left more, in proportion to its length', () => {
    const storage = createMemoryStorage();
    expect(new RetentionSweeper(storage).pauseAfter(100)).toBeCloseTo(400);
    expect(new RetentionSweeper(storage, { busyShare: 0.5 }).pauseAfter(100)).toBeCloseTo(100);
    expect(new RetentionSweeper(storage, { busyShare: 1 }).pauseAfter(100)).toBe(0);
  });

  it('refuses a busy share, batch or interval out of range, naming it', () => {
    const storage = createMemoryStorage();
    for (const [options, name] of [
      [{ busyShare: 0 }, 'busyShare'],
      [{ busyShare: 1.5 }, 'busyShare'],
      [{ batchLimit: 0 }, 'batchLimit'],
      [{ batchLimit: 2.5 }, 'batchLimit'],
      [{ intervalMs: -1 }, 'intervalMs'],
    ] as const) {
      expect(() => new RetentionSweeper(storage, options)).toThrow(name);
    }
  });

  it('runs on its own thread over SQLite, draining a backlog batch after batch', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'glassbox-retention-'));
    const storage = await openStorage({ dataDir: dir });
    try {
      const now = Date.now();
      await storage.traces.writeSpans([
        ...Array.from({ length: 7 }, (_, i) => requestSpan(i + 1, now - 40 * DAY)),
        requestSpan(100, now - 10 * DAY),
        requestSpan(101, now),
      ]);
      await storage.maintenance.setRetention('default', { traceDays: 30, contentDays: 7 });
      const sweeps: SweepResult[] = [];
      const errors: Error[] = [];
      const thread = await startRetentionThread(
        storage.location!,
        { batchLimit: 3, intervalMs: 60_000 },
        (error) => errors.push(error),
        (result) => sweeps.push(result),
      );
      try {
        for (let i = 0; i < 100 && sweeps.filter((s) => !s.more).length === 0; i++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      } finally {
        await thread.stop();
      }
      expect(errors).toEqual([]);
      expect(sweeps.length).toBeGreaterThanOrEqual(3);
      expect(sweeps.reduce((n, s) => n + s.tracesDeleted, 0)).toBe(7);
      const left = (await storage.traces.listTraces({ projectId: 'default', limit: 10 })).items;
      expect(left.map((t) => t.traceId).sort()).toEqual(
        [requestSpan(100, 0).traceId, requestSpan(101, 0).traceId].sort(),
      );
      const cleared = await storage.traces.getTrace('default', requestSpan(100, 0).traceId);
      expect(cleared?.spans[0]?.inputMessages).toEqual([]);
      expect(cleared?.trace.usage.input).toBe(100);
      const fresh = await storage.traces.getTrace('default', requestSpan(101, 0).traceId);
      expect(fresh?.spans[0]?.inputMessages).not.toEqual([]);
    } finally {
      await storage.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('on its own thread, writes only inside the write turns it is granted', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'glassbox-retention-'));
    const storage = await openStorage({ dataDir: dir });
    try {
      const now = Date.now();
      await storage.traces.writeSpans(
        Array.from({ length: 4 }, (_, i) => requestSpan(i + 1, now - 40 * DAY)),
      );
      await storage.maintenance.setRetention('default', { traceDays: 30, contentDays: null });
      const count = async () =>
        (await storage.traces.listTraces({ projectId: 'default', limit: 10 })).items.length;
      let turns = 0;
      let release = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      const sweeps: SweepResult[] = [];
      const errors: Error[] = [];
      const thread = await startRetentionThread(
        storage.location!,
        { batchLimit: 2, intervalMs: 60_000 },
        (error) => errors.push(error),
        (result) => sweeps.push(result),
        async (work) => {
          await gate;
          turns += 1;
          return work();
        },
      );
      try {
        // Asked for a turn and not granted one: the backlog stays.
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(await count()).toBe(4);
        release();
        for (let i = 0; i < 100 && sweeps.filter((s) => !s.more).length === 0; i++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      } finally {
        await thread.stop();
      }
      expect(errors).toEqual([]);
      expect(await count()).toBe(0);
      expect(sweeps.reduce((n, s) => n + s.tracesDeleted, 0)).toBe(4);
      expect(turns).toBeGreaterThanOrEqual(sweeps.length);
    } finally {
      await storage.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
