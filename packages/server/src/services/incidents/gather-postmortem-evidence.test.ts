import { failureClassifier } from '@glassbox/core/ingest';
import { assemblePostmortem } from '@glassbox/core/postmortem';
import { describe, expect, it } from 'vitest';
import { incidentApp, T0 } from '../../../test/support/incident-app.js';
import { requestSpan } from '../../../test/support/request-span.js';
import { gatherPostmortemEvidence } from './gather-postmortem-evidence.js';

const ports = (storage: Awaited<ReturnType<typeof incidentApp>>['storage']) => ({
  traces: storage.traces,
  alerts: storage.detection,
  monitors: storage.detection,
});

describe('gatherPostmortemEvidence over a window busier than the cap', () => {
  it('samples uniformly over the whole window instead of keeping its oldest traces', async () => {
    const { storage, incidentId } = await incidentApp();
    const all = await gatherPostmortemEvidence(ports(storage), 'default', incidentId);
    expect(all.sampling).toBeUndefined();
    const total = all.traces.length;

    const sampled = await gatherPostmortemEvidence(ports(storage), 'default', incidentId, T0, 100);
    expect(sampled.sampling).toEqual({ read: 100, total });
    expect(new Set(sampled.traces.map((t) => t.traceId)).size).toBe(100);
    // Oldest first, and reaching the window's last traces (the oldest 100 would stop at a quarter).
    const starts = sampled.traces.map((t) => t.startMs);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    const onset = all.incident.openedAtMs;
    const afterShare = (rows: { startMs: number }[]) =>
      rows.filter((t) => t.startMs >= onset).length / rows.length;
    expect(Math.abs(afterShare(sampled.traces) - afterShare(all.traces))).toBeLessThan(0.15);
    expect(starts.at(-1)!).toBeGreaterThan(all.traces[Math.floor(total * 0.9)]!.startMs);

    const again = await gatherPostmortemEvidence(ports(storage), 'default', incidentId, T0, 100);
    expect(again.traces.map((t) => t.traceId)).toEqual(sampled.traces.map((t) => t.traceId));

    const scope = assemblePostmortem(sampled).scope;
    expect(scope.sampled).toEqual({ read: 100, total });
    expect(assemblePostmortem(sampled).questions.isolatedOrSystematic[0]?.text).toContain(
      `100 of ${total} traces of the window, sampled uniformly over time`,
    );
  });

  it('reads past a page of traces that all start in the same millisecond', async () => {
    const { storage, incidentId } = await incidentApp();
    const incident = (await storage.detection.getIncident('default', incidentId))!;
    const sameMs = Array.from({ length: 30 }, (_, i) => ({
      ...requestSpan(10_000 + i, incident.openedAtMs - 60_000),
      name: 'answer-question',
    }));
    await storage.traces.writeSpans(sameMs, { classifier: failureClassifier(new Map()) });
    const all = await gatherPostmortemEvidence(ports(storage), 'default', incidentId);
    const sampled = await gatherPostmortemEvidence(ports(storage), 'default', incidentId, T0, 20);
    expect(sampled.sampling).toEqual({ read: 20, total: all.traces.length });
  });
});
