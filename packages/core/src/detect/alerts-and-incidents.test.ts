import { describe, expect, it } from 'vitest';
import type { Alert } from './alert.js';
import { applyMonitorEvent } from './apply-monitor-event.js';
import { defaultMonitors } from './default-monitors.js';
import { fileAlert, noteAlertResolved } from './incident.js';
import type { MonitorEvent } from './monitor-evaluator.js';

const monitors = defaultMonitors();
const errorRate = monitors.find((m) => m.id === 'error-rate')!;
const modelChange = monitors.find((m) => m.id === 'model-change')!;
let next = 0;
const newId = (): string => `id${++next}`;
const ctx = { projectId: 'p1', newId };

const alarm = (atMs: number, subject?: string): MonitorEvent => ({
  type: 'alarm',
  atMs,
  alarm: {
    statistic: 5,
    threshold: 4,
    baseline: { rate: 0.02 },
    current: { rate: 0.2 },
    message: 'up',
    onsetMs: atMs - 100,
    ...(subject ? { subject } : {}),
  },
  chart: [{ atMs, statistic: 5, threshold: 4 }],
  exampleTraceIds: ['t1'],
});

describe('applyMonitorEvent', () => {
  it('opens an alert with evidence, merges duplicates and resolves', () => {
    const first = applyMonitorEvent(errorRate, alarm(1000), [], ctx);
    expect(first.opened).toHaveLength(1);
    const a = first.opened[0] as Alert;
    expect(a).toMatchObject({
      status: 'open',
      count: 1,
      onsetMs: 900,
      dedupeKey: 'error-rate',
      change: false,
    });
    expect(a.evidence).toMatchObject({
      detector: 'bernoulli_cusum',
      statistic: 5,
      threshold: 4,
      exampleTraceIds: ['t1'],
    });
    const second = applyMonitorEvent(errorRate, alarm(2000), [a], ctx);
    expect(second.opened).toEqual([]);
    expect(second.merged[0]).toMatchObject({ id: a.id, count: 2, lastSeenMs: 2000, onsetMs: 900 });
    const done = applyMonitorEvent(errorRate, { type: 'resolved', atMs: 5000 }, second.merged, ctx);
    expect(done.resolved[0]).toMatchObject({ id: a.id, status: 'resolved', resolvedAtMs: 5000 });
  });

  it('keeps change alerts about different values apart', () => {
    const a = applyMonitorEvent(modelChange, alarm(1000, 'gpt-x'), [], ctx).opened[0] as Alert;
    const b = applyMonitorEvent(modelChange, alarm(2000, 'gpt-y'), [a], ctx);
    expect(b.opened[0]).toMatchObject({
      dedupeKey: 'model-change:gpt-y',
      change: true,
      title: 'New model version in responses: gpt-y',
    });
  });
});

describe('incidents', () => {
  it('open with the first anomaly and related version changes, join nearby alerts, resolve last', () => {
    const change = applyMonitorEvent(modelChange, alarm(50_000, 'gpt-y'), [], ctx)
      .opened[0] as Alert;
    expect(fileAlert(change, [], [], ctx)).toBeUndefined();
    const errors = applyMonitorEvent(errorRate, alarm(60_000), [], ctx).opened[0] as Alert;
    const opened = fileAlert(errors, [], [change], ctx)!;
    expect(opened.created).toBe(true);
    expect(opened.incident.timeline.map((t) => t.type)).toEqual([
      'version_change',
      'first_anomaly',
      'alert',
    ]);
    expect(opened.incident.openedAtMs).toBe(59_900);
    const latency = {
      ...errors,
      id: 'lat',
      monitorId: 'latency-p95',
      title: 'Latency p95',
      severity: 'critical' as const,
      onsetMs: 70_000,
      openedAtMs: 71_000,
      lastSeenMs: 71_000,
    };
    const joined = fileAlert(latency, [opened.incident], [], ctx)!;
    expect(joined.created).toBe(false);
    expect(joined.incident).toMatchObject({
      id: opened.incident.id,
      severity: 'critical',
      alertIds: [errors.id, change.id, 'lat'],
    });
    const far = { ...latency, id: 'far', onsetMs: 10_000_000, openedAtMs: 10_000_000 };
    expect(fileAlert(far, [joined.incident], [], ctx)!.created).toBe(true);

    const errorsDone = { ...errors, status: 'resolved' as const, resolvedAtMs: 90_000 };
    const half = noteAlertResolved(joined.incident, errorsDone, [errorsDone, change, latency]);
    expect(half.status).toBe('open');
    const latDone = { ...latency, status: 'resolved' as const, resolvedAtMs: 95_000 };
    const all = noteAlertResolved(half, latDone, [errorsDone, change, latDone]);
    expect(all).toMatchObject({ status: 'resolved', resolvedAtMs: 95_000 });
    expect(all.timeline.at(-1)?.type).toBe('resolved');
  });
});
