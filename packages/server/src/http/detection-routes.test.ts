import {
  advanceMonitor,
  emptyProgress,
  type Alert,
  type Incident,
  type MonitorDefinition,
} from '@glassbox/core/detect';
import { makeObservation } from '@glassbox/core/testing';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../test/support/test-app.js';

const monitor = {
  id: 'refund-errors',
  metric: 'error_rate',
  detector: 'bernoulli_cusum',
  segment: { route: 'refund' },
  params: { p0: 0.02 },
};
const alert: Alert = {
  id: 'a1',
  projectId: 'default',
  monitorId: 'refund-errors',
  dedupeKey: 'refund-errors',
  title: 'refund-errors',
  message: 'up',
  metric: 'error_rate',
  severity: 'warning',
  status: 'open',
  onsetMs: 90,
  openedAtMs: 100,
  lastSeenMs: 100,
  count: 1,
  change: false,
  incidentId: 'i1',
  evidence: {
    detector: 'bernoulli_cusum',
    params: {},
    statistic: 4.2,
    threshold: 4,
    baseline: { rate: 0.02 },
    current: { rate: 0.2 },
    chart: [{ atMs: 100, statistic: 4.2, threshold: 4 }],
    exampleTraceIds: ['t1'],
  },
};
const incident: Incident = {
  id: 'i1',
  projectId: 'default',
  title: 'refund-errors',
  severity: 'warning',
  status: 'open',
  openedAtMs: 90,
  updatedAtMs: 100,
  alertIds: ['a1'],
  timeline: [{ atMs: 90, type: 'first_anomaly', message: 'first anomaly', alertId: 'a1' }],
};

describe('detection API', () => {
  it('creates, lists, replaces and deletes monitors', async () => {
    const { app } = await testApp({ detection: { enabled: false } });
    const created = await app.inject({ method: 'POST', url: '/api/monitors', payload: monitor });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      id: 'refund-errors',
      origin: 'api',
      severity: 'warning',
      progress: { seen: 0 },
    });
    const dup = await app.inject({ method: 'POST', url: '/api/monitors', payload: monitor });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.message).toMatch(/already exists/);
    const put = await app.inject({
      method: 'PUT',
      url: '/api/monitors/refund-errors',
      payload: { ...monitor, id: undefined, severity: 'critical' },
    });
    expect(put.json()).toMatchObject({ id: 'refund-errors', severity: 'critical' });
    expect((await app.inject({ method: 'GET', url: '/api/monitors' })).json().items).toHaveLength(
      1,
    );
    expect(
      (await app.inject({ method: 'GET', url: '/api/monitors/refund-errors' })).statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ method: 'DELETE', url: '/api/monitors/refund-errors' })).statusCode,
    ).toBe(204);
    const gone = await app.inject({ method: 'GET', url: '/api/monitors/refund-errors' });
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toEqual({
      error: { code: 'not_found', message: 'monitor refund-errors not found' },
    });
  });

  it('says how far each monitor has learnt its baseline and when it will be armed', async () => {
    const { app, storage } = await testApp({ detection: { enabled: false } });
    const learning = { ...monitor, id: 'learning', params: { baselineSize: 200 } };
    for (const payload of [monitor, learning])
      expect((await app.inject({ method: 'POST', url: '/api/monitors', payload })).statusCode).toBe(
        201,
      );
    const definition = (await storage.detection.getMonitor('default', 'learning'))!
      .definition as MonitorDefinition;
    // 50 refund requests, one every 36 s: 100 an hour, 150 to go, so 90 minutes.
    const observations = Array.from({ length: 50 }, (_, i) =>
      makeObservation({ traceId: `t${i}`, eventMs: i * 36_000, segments: { route: 'refund' } }),
    );
    const { progress } = advanceMonitor(definition, emptyProgress(), observations);
    await storage.detection.saveMonitorProgress('default', 'learning', progress);
    const items = (await app.inject({ method: 'GET', url: '/api/monitors' })).json().items as {
      id: string;
      progress: { arming: Record<string, unknown> };
    }[];
    const arming = Object.fromEntries(items.map((m) => [m.id, m.progress.arming]));
    expect(arming['refund-errors']).toEqual({ armed: true, seen: 1000, needed: 1000 });
    expect(arming.learning).toMatchObject({ armed: false, seen: 50, needed: 200 });
    expect(arming.learning!.perHour).toBeCloseTo(100);
    expect(arming.learning!.etaMs).toBe(90 * 60_000);
  });

  it('rejects invalid monitors naming the field', async () => {
    const { app } = await testApp({ detection: { enabled: false } });
    const bad = await app.inject({
      method: 'POST',
      url: '/api/monitors',
      payload: { ...monitor, detector: 'ewma' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toEqual({
      code: 'invalid_request',
      message: 'body.detector: ewma cannot watch error_rate (a rate metric)',
    });
    const mismatch = await app.inject({
      method: 'PUT',
      url: '/api/monitors/other',
      payload: monitor,
    });
    expect(mismatch.json().error.message).toMatch(/differs from the id in the path/);
  });

  it('lists, shows and acknowledges alerts; shows incidents with their alerts', async () => {
    const { app, storage } = await testApp({ detection: { enabled: false } });
    await storage.detection.putAlerts([
      alert,
      { ...alert, id: 'a2', status: 'resolved', openedAtMs: 50 },
    ]);
    await storage.detection.putIncident(incident);
    expect(
      (await app.inject({ method: 'GET', url: '/api/alerts?status=open' }))
        .json()
        .items.map((a: Alert) => a.id),
    ).toEqual(['a1']);
    const one = (await app.inject({ method: 'GET', url: '/api/alerts/a1' })).json();
    expect(one.evidence).toMatchObject({
      statistic: 4.2,
      threshold: 4,
      chart: [{ atMs: 100 }],
      exampleTraceIds: ['t1'],
    });
    expect((await app.inject({ method: 'POST', url: '/api/alerts/a1/ack' })).json().status).toBe(
      'acknowledged',
    );
    expect((await app.inject({ method: 'POST', url: '/api/alerts/a2/ack' })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: '/api/alerts/zz/ack' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/alerts?status=bogus' })).statusCode).toBe(
      400,
    );
    const inc = (await app.inject({ method: 'GET', url: '/api/incidents/i1' })).json();
    expect(inc).toMatchObject({
      id: 'i1',
      timeline: [{ type: 'first_anomaly' }],
      alerts: [{ id: 'a1', status: 'acknowledged' }],
    });
    expect(
      (await app.inject({ method: 'GET', url: '/api/incidents?status=open' })).json().items,
    ).toHaveLength(1);
  });

  it('rolls a metric up per bucket and segment, with clear errors', async () => {
    const { app, storage } = await testApp({ detection: { enabled: false } });
    await storage.detection.putObservations([
      makeObservation({
        projectId: 'default',
        traceId: 'a',
        eventMs: 0,
        error: true,
        segments: { route: 'refund' },
      }),
      makeObservation({
        projectId: 'default',
        traceId: 'b',
        eventMs: 30_000,
        segments: { route: 'refund' },
      }),
      makeObservation({
        projectId: 'default',
        traceId: 'c',
        eventMs: 70_000,
        segments: { route: 'billing' },
      }),
    ]);
    const res = await app.inject({
      method: 'GET',
      url: '/api/metrics?metric=error_rate&segment=route%3Drefund&from=0&to=120000&bucket=1m',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      bucketMs: 60_000,
      truncated: false,
      points: [
        { startMs: 0, count: 2, events: 1, rate: 0.5 },
        { startMs: 60_000, count: 0 },
      ],
    });
    const bad = await app.inject({
      method: 'GET',
      url: '/api/metrics?metric=latncy&from=0&to=1000',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/unknown metric "latncy"/);
    expect(
      (await app.inject({ method: 'GET', url: '/api/metrics?metric=error_rate&bucket=5x' }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await app.inject({ method: 'GET', url: '/api/metrics?metric=error_rate&segment=route' })
      ).json().error.message,
    ).toMatch(/key=value/);
  });
});
