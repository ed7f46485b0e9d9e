import { describe, expect, it } from 'vitest';
import { createRng } from '../stats/prng.js';
import { makeObservation } from '../../test/detect/observation-factory.js';
import { defaultMonitors } from './default-monitors.js';
import { resolveMetric } from './metric-catalog.js';
import { checkMonitor, type MonitorDefinition } from './monitor.js';
import { createMonitorEvaluator, type MonitorEvent } from './monitor-evaluator.js';
import type { Observation } from './observation.js';
import { SEGMENT_VALUE_CHART, segmentParams, valueThreshold } from './segment-charts.js';
import { createValueChartDetector } from './value-chart-detector.js';

const byId = (id: string): MonitorDefinition =>
  defaultMonitors().find((m) => m.id === id) as MonitorDefinition;

/** A log-normal draw around `median` with log spread `sigma`. */
function logNormal(rng: ReturnType<typeof createRng>, median: number, sigma: number): number {
  const u = Math.max(rng.next(), 1e-12);
  return (
    median * Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next()))
  );
}

/** Blocks until a segment chart at threshold h alarms on in-control log-normal latencies. */
function runLength(h: number, seed: number, maxBlocks: number): number {
  const rng = createRng(seed);
  const d = createValueChartDetector('tabular_cusum', resolveMetric('latency_ms'), {
    statistic: 'mean',
    log: 1,
    direction: 'up',
    ...SEGMENT_VALUE_CHART,
    h,
  });
  const warmup = SEGMENT_VALUE_CHART.blockSize * SEGMENT_VALUE_CHART.baselineBlocks;
  for (let i = 0; i < warmup + maxBlocks * SEGMENT_VALUE_CHART.blockSize; i++) {
    const step = d.observe(
      makeObservation({ traceId: `t${i}`, eventMs: i, latencyMs: logNormal(rng, 900, 0.45) }),
    );
    if (step.alarm) return (i + 1 - warmup) / SEGMENT_VALUE_CHART.blockSize;
  }
  return maxBlocks;
}

/** Latency traffic over two tenants; `slow` multiplies acme's latency from `onset` on. */
function tenants(n: number, onset: number, slow: number, seed = 3): Observation[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, i) => {
    const acme = rng.next() < 0.2;
    return makeObservation({
      traceId: `t${String(i).padStart(6, '0')}`,
      eventMs: i * 1000,
      latencyMs: logNormal(rng, acme ? 700 : 1200, 0.45) * (acme && i >= onset ? slow : 1),
      segments: { tenant: acme ? 'acme' : 'globex' },
    });
  });
}

describe('per-segment value charts', () => {
  it('raise the threshold by ln(factor)/(2k) and refuse factors below 1', () => {
    expect(valueThreshold(11, 1)).toBe(11);
    expect(valueThreshold(11, Math.E ** 2)).toBeCloseTo(13, 10);
    expect(valueThreshold(4, Math.E, 0.25)).toBeCloseTo(6, 10);
    expect(() => valueThreshold(11, 0.5)).toThrow(/at least 1, got 0.5/);
  });

  it('split the budget: blocks of 10 and a share of (K+1) both raise the segment threshold', () => {
    const latency = byId('latency-p95');
    const p = segmentParams(latency, { tenant: 'acme' }, 2);
    expect(p).toMatchObject({ statistic: 'mean', log: 1, direction: 'up', blockSize: 10 });
    // 2 charts share the budget, and a segment block is 10 requests, not 25.
    expect(p.h).toBeCloseTo(11 + Math.log(2 * 2.5), 10);
  });

  it('multiply the simulated in-control run length by the factor the threshold is raised for', () => {
    // Simulated with estimated baselines (each run arms on its own 200 requests), at low
    // thresholds where run lengths are short enough to measure; the default ones are higher.
    const mean = (h: number): number => {
      const runs = Array.from({ length: 150 }, (_, r) => runLength(h, 500 + r, 40_000));
      return runs.reduce((a, b) => a + b, 0) / runs.length;
    };
    const low = mean(3);
    const high = mean(valueThreshold(3, 4));
    const ratio = high / low;
    expect(ratio).toBeGreaterThan(2.5);
    expect(ratio).toBeLessThan(6.5);
    // Siegmund's one-sided run length at h = 3, k = 1/2 is 2(e^4.166 − 5.166) ≈ 118 blocks; an
    // estimated baseline costs some of it, never most of it.
    expect(low).toBeGreaterThan(0.5 * 118);
  });

  it('find a latency rise on one tenant and say which tenant moved, with no alarm before', () => {
    const ev = createMonitorEvaluator(byId('latency-p95'));
    const events: MonitorEvent[] = [];
    for (const o of tenants(6000, 4000, 1.4)) events.push(...ev.observeAll(o));
    const alarms = events.filter((e) => e.type === 'alarm');
    expect(alarms.filter((e) => e.atMs < 4000_000)).toEqual([]);
    const first = alarms[0];
    expect(first?.segment).toEqual({ tenant: 'acme' });
    expect((first?.atMs ?? Infinity) / 1000 - 4000).toBeLessThan(1000);
    expect(ev.state().split?.keys?.tenant?.sort()).toEqual(['acme', 'globex']);
  });

  it('are accepted for value monitors, not for detectors of shares', () => {
    expect(checkMonitor({ ...byId('answer-length') }).segmentBy).toBe('auto');
    expect(() => checkMonitor({ ...byId('model-change'), segmentBy: 'auto' })).toThrow(
      /per-segment charts need bernoulli_cusum, ewma or tabular_cusum, not new_value/,
    );
  });
});
