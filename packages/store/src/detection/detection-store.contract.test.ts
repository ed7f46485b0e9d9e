import { defaultMonitors, type Alert, type Incident } from '@glassbox/core/detect';
import { makeObservation } from '@glassbox/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, type OpenBackend } from '../contract/backends.js';
import { makeSpan } from '../contract/span-factory.js';

const alert = (id: string, openedAtMs: number, status: Alert['status'] = 'open'): Alert => ({
  id,
  projectId: 'default',
  monitorId: 'error-rate',
  dedupeKey: 'error-rate',
  title: 'Error rate',
  message: 'up',
  metric: 'error_rate',
  severity: 'error',
  status,
  onsetMs: openedAtMs - 10,
  openedAtMs,
  lastSeenMs: openedAtMs,
  count: 1,
  change: false,
  evidence: {
    detector: 'bernoulli_cusum',
    params: {},
    statistic: 5,
    threshold: 4,
    baseline: { rate: 0.01 },
    current: { rate: 0.2 },
    chart: [],
    exampleTraceIds: ['t'],
  },
});

for (const backend of BACKENDS) {
  describe(`DetectionStore contract (${backend.name})`, () => {
    let opened: OpenBackend;
    beforeEach(async () => {
      opened = await backend.open();
    });
    afterEach(async () => {
      await opened.dispose();
    });

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

    it('stores monitors, their progress separately, and resets progress on redefinition', async () => {
      const { detection } = opened.storage;
      const [m] = defaultMonitors();
      await detection.putMonitor({
        projectId: 'default',
        definition: m!,
        origin: 'default',
        updatedAtMs: 1,
      });
      await detection.saveMonitorProgress('default', m!.id, { checkpoints: [], lateDropped: 3 });
      expect((await detection.getMonitor('default', m!.id))?.progress).toEqual({
        checkpoints: [],
        lateDropped: 3,
      });
      await detection.putMonitor({
        projectId: 'default',
        definition: { ...m!, severity: 'critical' },
        origin: 'api',
        updatedAtMs: 2,
      });
      const again = await detection.getMonitor('default', m!.id);
      expect(again).toMatchObject({
        origin: 'api',
        progress: null,
        definition: { severity: 'critical' },
      });
      expect(await detection.listMonitors('other')).toEqual([]);
      expect(await detection.deleteMonitor('default', m!.id)).toBe(true);
      expect(await detection.deleteMonitor('default', m!.id)).toBe(false);
      await detection.saveMonitorProgress('default', m!.id, { checkpoints: [], lateDropped: 0 });
      expect(await detection.getMonitor('default', m!.id)).toBeUndefined();
    });

    it('lists alerts and incidents newest first with filters', async () => {
      const { detection } = opened.storage;
      await detection.putAlerts([
        alert('a1', 100),
        alert('a2', 200, 'resolved'),
        alert('a3', 300, 'acknowledged'),
      ]);
      expect(
        (await detection.listAlerts({ projectId: 'default', limit: 10 })).map((a) => a.id),
      ).toEqual(['a3', 'a2', 'a1']);
      expect(
        (await detection.listAlerts({ projectId: 'default', unresolved: true, limit: 10 })).map(
          (a) => a.id,
        ),
      ).toEqual(['a3', 'a1']);
      expect(
        (await detection.listAlerts({ projectId: 'default', status: 'resolved', limit: 10 })).map(
          (a) => a.id,
        ),
      ).toEqual(['a2']);
      await detection.putAlerts([{ ...alert('a1', 100), status: 'resolved' }]);
      expect((await detection.getAlert('default', 'a1'))?.status).toBe('resolved');
      const incident: Incident = {
        id: 'i1',
        projectId: 'default',
        title: 'x',
        severity: 'error',
        status: 'open',
        openedAtMs: 90,
        updatedAtMs: 100,
        alertIds: ['a1'],
        timeline: [],
      };
      await detection.putIncident(incident);
      await detection.putIncident({ ...incident, id: 'i2', openedAtMs: 500, status: 'resolved' });
      expect(
        (await detection.listIncidents({ projectId: 'default', limit: 10 })).map((i) => i.id),
      ).toEqual(['i2', 'i1']);
      expect(
        (await detection.listIncidents({ projectId: 'default', status: 'open', limit: 10 })).map(
          (i) => i.id,
        ),
      ).toEqual(['i1']);
      expect(await detection.getIncident('other', 'i1')).toBeUndefined();
    });

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
}
