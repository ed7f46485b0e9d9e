import { describe, expect, it } from 'vitest';
import type { Alert } from './alert.js';
import { applyMonitorEvent } from './apply-monitor-event.js';
import { defaultMonitors } from './default-monitors.js';
import { fileAlert, noteAlertResolved } from './incident.js';
import { checkMonitor } from './monitor.js';
import type { MonitorEvent } from './monitor-evaluator.js';
import { resolveMetric } from './metric-catalog.js';
import { createNewValueDetector } from './new-value-detector.js';
import { makeObservation } from '../../test/detect/observation-factory.js';

const monitors = defaultMonitors();
const refusal = monitors.find((m) => m.id === 'refusal-rate')!;
const modelChange = monitors.find((m) => m.id === 'model-change')!;
let next = 0;
const newId = (): string => `id${++next}`;
const ctx = { projectId: 'p1', newId };

const event = (
  atMs: number,
  extra: { subject?: string; value?: string; segment?: Record<string, string> } = {},
): MonitorEvent => ({
  type: 'alarm',
  atMs,
  alarm: {
    statistic: 5,
    threshold: 4,
    baseline: { rate: 0.98 },
    current: extra.value ? { value: extra.value, count: 3 } : { rate: 0.05 },
    message: extra.value ? `new model "${extra.value}"` : 'refusal_rate fell below',
    onsetMs: atMs - 100,
    ...(extra.subject ? { subject: extra.subject } : {}),
  },
  chart: [],
  exampleTraceIds: ['t1'],
  ...(extra.segment ? { segment: extra.segment } : {}),
});

const modelAlert = (atMs: number): Alert =>
  applyMonitorEvent(
    modelChange,
    event(atMs, { subject: 'gpt-4o-2026-11-01', value: 'gpt-4o-2026-11-01' }),
    [],
    ctx,
  ).opened[0] as Alert;
const highRisk = { 'risk.category': 'high' };
const symptom = (atMs: number): Alert =>
  applyMonitorEvent(refusal, event(atMs, { segment: highRisk }), [], ctx).opened[0] as Alert;

describe('change + symptom = incident', () => {
  it('names the change as the suspected cause when a symptom follows it', () => {
    const change = modelAlert(100_000);
    expect(fileAlert(change, [], [], ctx)).toBeUndefined();
    const s = symptom(400_000);
    expect(s.title).toBe('Refusal rate (risk.category=high)');
    expect(s.segment).toEqual(highRisk);
    const filed = fileAlert(s, [], [change], ctx)!;
    expect(filed.created).toBe(true);
    expect(filed.incident.suspectedCause).toMatchObject({
      alertId: change.id,
      monitorId: 'model-change',
      value: 'gpt-4o-2026-11-01',
    });
    expect(filed.incident.timeline.map((t) => t.type)).toEqual([
      'version_change',
      'first_anomaly',
      'alert',
    ]);
    expect(filed.incident.hold).toBeUndefined();
  });

  it('takes a change filed after the symptom (monitors run one after another) as the cause', () => {
    const s = symptom(400_000);
    const opened = fileAlert(s, [], [], ctx)!.incident;
    expect(opened.suspectedCause).toBeUndefined();
    const joined = fileAlert(modelAlert(100_000), [opened], [], ctx)!.incident;
    expect(joined.suspectedCause?.value).toBe('gpt-4o-2026-11-01');
    expect(joined.alertIds).toHaveLength(2);
  });

  it('leaves a change far from the symptom out', () => {
    const change = modelAlert(100_000);
    const filed = fileAlert(symptom(100_000 + 2 * 3_600_000), [], [change], ctx)!;
    expect(filed.incident.suspectedCause).toBeUndefined();
  });

  it('records that the change should be held when the symptom monitor says on_alarm: hold', () => {
    const change = modelAlert(100_000);
    const filed = fileAlert(symptom(400_000), [], [change], { ...ctx, hold: true })!;
    expect(filed.incident.hold).toMatchObject({
      monitorId: 'refusal-rate',
      change: { alertId: change.id, value: 'gpt-4o-2026-11-01' },
    });
    expect(filed.incident.timeline.find((t) => t.type === 'hold_requested')?.message).toMatch(
      /hold gpt-4o-2026-11-01 pending review/,
    );
    // Before the change is known the intent waits for it, then names it.
    const early = fileAlert(symptom(400_000), [], [], { ...ctx, hold: true })!.incident;
    expect(early.hold?.change).toBeUndefined();
    const named = fileAlert(modelAlert(100_000), [early], [], ctx)!.incident;
    expect(named.hold?.change?.value).toBe('gpt-4o-2026-11-01');
    expect(early.hold?.change).toBeUndefined();
  });

  it('resolves the incident when the symptoms are back in control, whatever the change', () => {
    const change = modelAlert(100_000);
    const s = symptom(400_000);
    const incident = fileAlert(s, [], [change], ctx)!.incident;
    const done = { ...s, status: 'resolved' as const, resolvedAtMs: 900_000 };
    expect(noteAlertResolved(incident, done, [change, done]).status).toBe('resolved');
  });

  it('resolves alerts per segment', () => {
    const s = symptom(400_000);
    const overall = applyMonitorEvent(refusal, event(500_000), [s], ctx);
    expect(overall.opened).toHaveLength(1);
    const resolved = applyMonitorEvent(
      refusal,
      { type: 'resolved', atMs: 900_000 },
      [s, ...overall.opened],
      ctx,
    );
    expect(resolved.resolved.map((a) => a.id)).toEqual([overall.opened[0]?.id]);
  });
});

describe('change alerts stay open while the new value is in use', () => {
  it('keeps the new-value detector active until the value is gone for a window', () => {
    const d = createNewValueDetector(resolveMetric('model_share'), {
      baselineSize: 10,
      window: 20,
    });
    const obs = (i: number, model: string) =>
      makeObservation({ traceId: `t${i}`, eventMs: i, model });
    for (let i = 0; i < 10; i++) d.observe(obs(i, 'a'));
    const steps = Array.from({ length: 100 }, (_, k) => d.observe(obs(10 + k, 'b')));
    expect(steps.some((s) => s.alarm)).toBe(true);
    expect(steps.slice(3).every((s) => s.active)).toBe(true);
    const back = Array.from({ length: 30 }, (_, k) => d.observe(obs(200 + k, 'a')));
    expect(back.at(-1)?.active).toBe(false);
  });
});

describe('monitor definitions', () => {
  it('accept on_alarm, segment_by and tiers in YAML spelling', () => {
    const m = checkMonitor({
      id: 'triage-refusals',
      metric: 'refusal_rate',
      detector: 'bernoulli_cusum',
      segment_by: ['risk.category'],
      tiers: [{ segment: { 'risk.category': 'high' }, params: { targetArl0: 100_000 } }],
      on_alarm: 'hold',
    });
    expect(m).toMatchObject({ segmentBy: ['risk.category'], onAlarm: { action: 'hold' } });
    expect(m.tiers?.[0]?.params).toEqual({ targetArl0: 100_000 });
  });

  it.each([
    [
      { metric: 'query', detector: 'embedding_drift', segment_by: 'auto' },
      /need bernoulli_cusum, ewma or tabular_cusum/,
    ],
    [
      { metric: 'latency_ms', detector: 'ewma', segment_by: 'auto', tiers: [] },
      /risk tiers need bernoulli_cusum, not ewma/,
    ],
    [{ segment_by: [] }, /segmentBy: must be auto or a non-empty list/],
    [{ tiers: [{ params: {} }] }, /tiers\[0\]\.segment: is required/],
    [{ tiers: [{ segment: { a: 'b' }, params: { lambda: 2 } }] }, /tiers\[0\]\.params\.lambda/],
    [{ on_alarm: 'page' }, /onAlarm\.action: must be one of hold, rollback/],
    [{ on_alarm: { action: 'rollback', artifact: 'widget/x' } }, /unknown artifact kind "widget"/],
    [{ on_alarm: { action: 'hold', artifact: 'triage-model' } }, /onAlarm\.artifact: must be kind/],
    [{ on_alarm: { action: 'hold', label: 'a b' } }, /onAlarm\.label: label "a b" is invalid/],
    [{ on_alarm: { action: 'hold', labels: 'x' } }, /onAlarm\.labels: unknown field/],
  ])('reject %j', (extra, message) => {
    expect(() =>
      checkMonitor({ id: 'x', metric: 'refusal_rate', detector: 'bernoulli_cusum', ...extra }),
    ).toThrow(message);
  });
});
