import { describe, expect, it } from 'vitest';
import { makeObservation } from '../../test/index.js';
import { createMonitorEvaluator } from './monitor-evaluator.js';
import { monitorArming } from './monitor-arming.js';
import type { DetectorKind, DetectorParams } from './detector.js';
import type { MonitorDefinition } from './monitor.js';

const MINUTE = 60_000;

const monitorOf = (
  detector: DetectorKind,
  metric: string,
  params: DetectorParams = {},
): MonitorDefinition => ({
  id: 'm',
  name: 'm',
  metric,
  detector,
  params,
  severity: 'warning',
  notify: [],
  enabled: true,
});

/** Feeds `count` healthy requests, one a minute, and returns the monitor's arming. */
function armingAfter(monitor: MonitorDefinition, count: number) {
  const evaluator = createMonitorEvaluator(monitor);
  for (let i = 0; i < count; i++)
    evaluator.observe(
      makeObservation({
        traceId: `t${i}`,
        eventMs: i * MINUTE,
        latencyMs: 700 + (i % 7) * 30,
        model: 'gpt-4o-mini',
        segments: { route: i % 2 ? 'refund' : 'search' },
        query: `question number ${i} about refunds and orders`,
        error: i % 25 === 0,
      }),
    );
  return monitorArming(monitor, evaluator.state());
}

describe('monitorArming', () => {
  const cases: [DetectorKind, string, DetectorParams, number][] = [
    ['bernoulli_cusum', 'error_rate', {}, 1000],
    ['bernoulli_cusum', 'error_rate', { baselineSize: 200 }, 200],
    ['ewma', 'latency_ms', { blockSize: 5, baselineBlocks: 20 }, 100],
    ['tabular_cusum', 'latency_ms', { blockSize: 5, baselineBlocks: 20 }, 100],
    ['new_value', 'model_share', {}, 200],
    ['share_shift', 'route_share', {}, 1000],
    ['dominance', 'route_share', {}, 500],
    ['embedding_drift', 'query', { baselineSize: 50, window: 20 }, 50],
  ];
  for (const [detector, metric, params, needed] of cases) {
    it(`${detector} on ${metric} ${JSON.stringify(params)} learns for ${needed} requests, then arms`, () => {
      const monitor = monitorOf(detector, metric, params);
      expect(monitorArming(monitor)).toEqual({ armed: false, seen: 0, needed });
      const early = armingAfter(monitor, needed - 1);
      expect(early).toMatchObject({ armed: false, seen: needed - 1, needed });
      expect(early.perHour).toBeCloseTo(60);
      expect(early.etaMs).toBe(MINUTE);
      const armed = armingAfter(monitor, needed);
      expect(armed).toMatchObject({ armed: true, seen: needed, needed });
      expect(armed.etaMs).toBeUndefined();
    });
  }

  it('arms a rate monitor with a known p0 at once', () => {
    expect(monitorArming(monitorOf('bernoulli_cusum', 'error_rate', { p0: 0.05, h: 4 }))).toEqual({
      armed: true,
      seen: 1000,
      needed: 1000,
    });
  });

  it('gives no rate or time until requests arrived apart in event time', () => {
    const monitor = monitorOf('bernoulli_cusum', 'error_rate');
    const one = armingAfter(monitor, 1);
    expect(one).toEqual({ armed: false, seen: 1, needed: 1000 });
  });

  it('projects the time to arm from the traffic rate seen so far', () => {
    // 100 requests one a minute: 60 an hour, 900 to go, so 15 hours.
    const a = armingAfter(monitorOf('bernoulli_cusum', 'error_rate'), 100);
    expect(a.perHour).toBeCloseTo(60);
    expect(a.etaMs).toBe(900 * MINUTE);
  });
});
