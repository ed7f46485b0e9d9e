import type { Alert, Incident } from '@glassbox/core/detect';
import { describe, expect, it } from 'vitest';
import { incidentTimeline } from './incident-timeline.js';

const alert = {
  id: 'a1',
  evidence: { exampleTraceIds: ['t1', 't2', 't3', 't4'] },
} as unknown as Alert;
const incident = {
  id: 'i1',
  openedAtMs: 1000,
  alertIds: ['a1', 'gone'],
  timeline: [
    { atMs: 66_000, type: 'alert', message: 'Errors: rose', alertId: 'a1' },
    { atMs: 1000, type: 'first_anomaly', message: 'first anomaly: Errors', alertId: 'a1' },
    { atMs: 1000, type: 'version_change', message: 'prompt v2', alertId: 'gone' },
    { atMs: 200_000, type: 'alert_resolved', message: 'back', alertId: 'a1' },
  ],
} as Incident;

describe('incidentTimeline', () => {
  it('orders entries, offsets them from the first anomaly and attaches alerts and traces once', () => {
    const rows = incidentTimeline(incident, [alert]);
    expect(rows.map((r) => [r.heading, r.offset])).toEqual([
      ['First anomaly', 'start'],
      ['Version change', 'start'],
      ['Alert opened', '+1m 5s'],
      ['Alert back in control', '+3m 19s'],
    ]);
    expect(rows[0]!.alert).toBe(alert);
    expect(rows[0]!.traceIds).toEqual(['t1', 't2', 't3']);
    expect(rows[1]!.alert).toBeUndefined();
    expect(rows[2]!.traceIds).toEqual([]);
    expect(rows[3]!.traceIds).toEqual([]);
  });
});
