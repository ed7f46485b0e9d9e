import { describe, expect, it } from 'vitest';
import { makeObservation } from '../../test/detect/observation-factory.js';
import { rollup } from './rollup.js';
import { parseSegment } from './segment-filter.js';

const obs = [
  makeObservation({
    traceId: 'a',
    eventMs: 0,
    error: true,
    latencyMs: 100,
    segments: { route: 'refund' },
    sessionId: 's1',
    costUsd: 1,
  }),
  makeObservation({
    traceId: 'b',
    eventMs: 10,
    latencyMs: 300,
    segments: { route: 'refund' },
    sessionId: 's1',
    costUsd: 2,
  }),
  makeObservation({
    traceId: 'c',
    eventMs: 20,
    latencyMs: 200,
    segments: { route: 'billing' },
    sessionId: 's2',
    costUsd: 4,
    tools: ['search'],
  }),
  makeObservation({
    traceId: 'd',
    eventMs: 65,
    error: true,
    latencyMs: 50,
    segments: { route: 'refund' },
    tools: ['search', 'refund'],
  }),
];

describe('rollup', () => {
  it('computes rates per bucket in event time, keeping empty buckets', () => {
    expect(rollup(obs, { metric: 'error_rate', bucketMs: 30, from: 0, to: 90 })).toEqual([
      { startMs: 0, count: 3, events: 1, rate: 1 / 3 },
      { startMs: 30, count: 0, events: 0 },
      { startMs: 60, count: 1, events: 1, rate: 1 },
    ]);
  });

  it('filters by segment and summarizes values with p50/p95', () => {
    const [b] = rollup(obs, {
      metric: 'latency_ms',
      bucketMs: 100,
      from: 0,
      to: 100,
      segment: { route: 'refund' },
    });
    expect(b).toMatchObject({ count: 3, p50: 100, mean: 150, sum: 450 });
    expect(b?.p95).toBeCloseTo(280);
  });

  it('sums session metrics per session and computes shares', () => {
    expect(
      rollup(obs, { metric: 'cost_per_session', bucketMs: 50, from: 0, to: 50 })[0],
    ).toMatchObject({ count: 2, mean: 3.5 });
    expect(
      rollup(obs, { metric: 'tool_share', bucketMs: 100, from: 0, to: 100 })[0]?.shares,
    ).toEqual({ search: 2 / 3, refund: 1 / 3 });
  });

  it('rejects bad ranges and segments with clear errors', () => {
    expect(() => rollup(obs, { metric: 'error_rate', bucketMs: 0, from: 0, to: 1 })).toThrow(
      /bucket must be a positive/,
    );
    expect(() => rollup(obs, { metric: 'error_rate', bucketMs: 1, from: 5, to: 5 })).toThrow(
      /must be after/,
    );
    expect(() => rollup(obs, { metric: 'error_rate', bucketMs: 1, from: 0, to: 1e9 })).toThrow(
      /at most/,
    );
    expect(() => parseSegment('route')).toThrow(/key=value/);
    expect(parseSegment('route=refund,tool=search')).toEqual({ route: 'refund', tool: 'search' });
  });
});
