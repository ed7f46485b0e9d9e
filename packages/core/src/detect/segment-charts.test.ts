import { describe, expect, it } from 'vitest';
import { createRng } from '../stats/prng.js';
import { makeObservation } from '../../test/detect/observation-factory.js';
import { defaultMonitors } from './default-monitors.js';
import type { MonitorDefinition } from './monitor.js';
import { createMonitorEvaluator, type MonitorEvent } from './monitor-evaluator.js';
import type { Observation } from './observation.js';
import { segmentParams } from './segment-charts.js';
import { chooseSegments, countSegments, type DiscoveryCounts } from './segment-discovery.js';

const refusal = defaultMonitors().find((m) => m.id === 'refusal-rate') as MonitorDefinition;

/** Triage traffic: 20 % high risk refusing 98 % (5 % after `change`), the rest 1 %. */
function triage(n: number, change: number, seed = 7): Observation[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, i) => {
    const high = rng.next() < 0.2;
    const p = high ? (i < change ? 0.98 : 0.05) : 0.01;
    return makeObservation({
      traceId: `t${String(i).padStart(6, '0')}`,
      eventMs: i * 1000,
      refusal: rng.next() < p,
      segments: {
        ...(high ? { 'risk.category': 'high' } : {}),
        'service.name': 'triage',
        'session.turn': String(i % 50),
      },
    });
  });
}

describe('segment discovery', () => {
  it('keeps low-cardinality keys on enough traffic, leaves out constants and many-valued keys', () => {
    const d: DiscoveryCounts = { seen: 0, values: {}, overflow: [] };
    for (const o of triage(500, 10_000)) countSegments(d, o);
    expect(chooseSegments(d)).toEqual({ 'risk.category': ['high'] });
  });

  it('splits the false-alarm budget across the overall chart and each key (Bonferroni)', () => {
    const two = { 'risk.category': 'high' };
    expect(segmentParams(refusal, two, 3).targetArl0).toBe(3_000_000);
    expect(segmentParams(refusal, two, 3).baselineSize).toBe(300);
    const tiered: MonitorDefinition = {
      ...refusal,
      tiers: [{ segment: two, params: { targetArl0: 50_000 } }],
    };
    expect(segmentParams(tiered, two, 3).targetArl0).toBe(50_000);
    expect(segmentParams(tiered, { 'risk.category': 'low' }, 3).targetArl0).toBe(3_000_000);
  });
});

describe('per-segment charts', () => {
  it('find the high-risk refusal drop (98 % to 5 %) and say which segment moved', () => {
    const ev = createMonitorEvaluator(refusal);
    const events: MonitorEvent[] = [];
    for (const o of triage(4200, 3000)) {
      for (const e of ev.observeAll(o))
        if (o.eventMs < 3000_000 || events.length < 5) events.push(e);
    }
    const before = events.filter((e) => e.type === 'alarm' && e.atMs < 3000_000);
    expect(before).toEqual([]);
    const first = events.find((e) => e.type === 'alarm');
    expect(first?.segment).toEqual({ 'risk.category': 'high' });
    // About 200 requests, 40 of them high risk.
    expect((first?.atMs ?? Infinity) / 1000 - 3000).toBeLessThan(300);
    if (first?.type === 'alarm') expect(first.alarm.current.direction).toBe('down');
    expect(ev.state().split?.keys).toEqual({ 'risk.category': ['high'] });
  });

  it('resume from persisted state with their segments', () => {
    const obs = triage(4200, 3000, 9);
    const straight = createMonitorEvaluator(refusal);
    const at = obs.findIndex((o) => straight.observeAll(o).some((e) => e.type === 'alarm'));
    const half = createMonitorEvaluator(refusal);
    obs.slice(0, 2000).forEach((o) => half.observeAll(o));
    const resumed = createMonitorEvaluator(refusal, JSON.parse(JSON.stringify(half.state())));
    const rest = obs
      .slice(2000)
      .findIndex((o) => resumed.observeAll(o).some((e) => e.type === 'alarm'));
    expect(at).toBeGreaterThan(3000);
    expect(rest + 2000).toBe(at);
  });

  it('chart each value of pinned keys as it appears', () => {
    const pinned: MonitorDefinition = { ...refusal, segmentBy: ['risk.category'] };
    const ev = createMonitorEvaluator(pinned);
    triage(400, 10_000).forEach((o) => ev.observeAll(o));
    expect(ev.state().split?.keys).toEqual({ 'risk.category': ['high'] });
    expect(Object.keys(ev.state().split?.charts ?? {})).toEqual(['risk.category=high']);
  });
});
