import { describe, expect, it } from 'vitest';
import { defaultMonitors } from './default-monitors.js';
import { createMonitorEvaluator, type MonitorEvent } from './monitor-evaluator.js';
import type { MonitorDefinition } from './monitor.js';
import type { Observation } from './observation.js';
import {
  HEALTHY_PROFILE,
  syntheticStream,
  type StreamProfile,
} from '../../test/detect/synthetic-stream.js';

function firstAlarm(
  monitor: MonitorDefinition,
  obs: readonly Observation[],
): { index: number; event: MonitorEvent } | undefined {
  const ev = createMonitorEvaluator(monitor);
  for (let i = 0; i < obs.length; i++) {
    const e = ev.observe(obs[i] as Observation);
    if (e?.type === 'alarm') return { index: i, event: e };
  }
  return undefined;
}

const byId = (id: string): MonitorDefinition => {
  const m = defaultMonitors().find((x) => x.id === id);
  if (!m) throw new Error(id);
  return m;
};

function shifted(
  onset: number,
  change: Partial<StreamProfile>,
  n = onset + 3000,
  seed = 3,
): Observation[] {
  return syntheticStream({
    n,
    seed,
    profileAt: (i) => (i < onset ? HEALTHY_PROFILE : { ...HEALTHY_PROFILE, ...change }),
  });
}

describe('default monitors on synthetic streams', () => {
  it('detect an error rate shift from 10 % to 100 % within 20 requests', () => {
    const obs = shifted(3000, { errorRate: 1 }, 4000);
    const warm = syntheticStream({
      n: 3000,
      seed: 4,
      profileAt: () => ({ ...HEALTHY_PROFILE, errorRate: 0.1 }),
    });
    const stream = [
      ...warm,
      ...obs
        .slice(3000)
        .map((o, i) => ({ ...o, eventMs: (warm.at(-1) as Observation).eventMs + 1000 * (i + 1) })),
    ];
    const hit = firstAlarm(byId('error-rate'), stream);
    expect(hit).toBeDefined();
    // The overall chart's share of the budget split with its segment charts raises h a little.
    expect((hit?.index ?? 0) - 3000).toBeLessThan(30);
    expect(hit?.index).toBeGreaterThanOrEqual(3000);
    if (hit?.event.type === 'alarm') {
      expect(hit.event.alarm.baseline.rate).toBeGreaterThan(0.09);
      expect(hit.event.alarm.onsetMs).toBeGreaterThanOrEqual((stream[2800] as Observation).eventMs);
      expect(hit.event.exampleTraceIds.length).toBeGreaterThan(0);
      expect(hit.event.chart.at(-1)?.statistic).toBeGreaterThan(
        hit.event.chart.at(-1)?.threshold ?? Infinity,
      );
    }
  });

  it('detect a refusal rate doubling (3 % to 9 %) within 500 requests', () => {
    const hit = firstAlarm(byId('refusal-rate'), shifted(3000, { refusalRate: 0.09 }));
    expect((hit?.index ?? Infinity) - 3000).toBeLessThan(500);
  });

  it('detect latency, retrieval score and cost shifts', () => {
    const latency = firstAlarm(byId('latency-p95'), shifted(4000, { medianLatencyMs: 2000 }));
    expect((latency?.index ?? Infinity) - 4000).toBeLessThan(300);
    const score = firstAlarm(byId('retrieval-top-score'), shifted(4000, { meanTopScore: 0.6 }));
    expect((score?.index ?? Infinity) - 4000).toBeLessThan(300);
    const cost = firstAlarm(byId('cost-per-request'), shifted(4000, { medianCostUsd: 0.006 }));
    expect((cost?.index ?? Infinity) - 4000).toBeLessThan(300);
  });

  it('raise change alerts for a new model, a dominating source and a tool share shift', () => {
    const model = firstAlarm(byId('model-change'), shifted(1000, { model: 'gpt-4o-2024-11-20' }));
    expect(model?.index).toBe(1002);
    if (model?.event.type === 'alarm') expect(model.event.alarm.subject).toBe('gpt-4o-2024-11-20');
    const source = firstAlarm(
      byId('source-dominance'),
      shifted(1000, { sourceShares: { forum: 0.8, handbook: 0.2 } }),
    );
    expect((source?.index ?? Infinity) - 1000).toBeLessThan(200);
    const tools = firstAlarm(
      byId('tool-share-shift'),
      shifted(2000, { toolShares: { lookup_order: 0.2, refund: 0.6, search_kb: 0.2 } }),
    );
    expect((tools?.index ?? Infinity) - 2000).toBeLessThan(400);
  });

  it('detect user query drift to new topics', () => {
    const drifted = shifted(
      600,
      { topics: ['crypto wallet staking yield', 'nft mint gas fee', 'bitcoin halving price'] },
      1200,
    );
    const hit = firstAlarm(byId('query-drift'), drifted);
    expect((hit?.index ?? Infinity) - 600).toBeLessThan(400);
  });

  it('stay silent over 100,000 healthy requests', () => {
    const obs = syntheticStream({ n: 100_000, seed: 11 });
    const alarms = defaultMonitors()
      .filter((m) => m.detector !== 'embedding_drift')
      .flatMap((m) => {
        const ev = createMonitorEvaluator(m);
        return obs
          .map((o) => ev.observe(o))
          .filter((e) => e?.type === 'alarm')
          .map(() => m.id);
      });
    expect(alarms).toEqual([]);
    // A time budget, not a speed check: about 27 s on an idle 2-core machine.
  }, 180_000);

  it('resume from persisted JSON state exactly where it stopped', () => {
    const obs = shifted(1500, { errorRate: 0.5 }, 2500);
    const straight = firstAlarm(byId('error-rate'), obs);
    const ev = createMonitorEvaluator(byId('error-rate'));
    obs.slice(0, 1200).forEach((o) => ev.observe(o));
    const resumed = createMonitorEvaluator(
      byId('error-rate'),
      JSON.parse(JSON.stringify(ev.state())),
    );
    const rest = obs.slice(1200).findIndex((o) => resumed.observe(o)?.type === 'alarm');
    expect(rest + 1200).toBe(straight?.index);
  });

  it('resolve an alarm once the rate is back in control', () => {
    const obs = syntheticStream({
      n: 6000,
      seed: 5,
      profileAt: (i) =>
        i >= 2000 && i < 2300 ? { ...HEALTHY_PROFILE, errorRate: 0.6 } : HEALTHY_PROFILE,
    });
    const ev = createMonitorEvaluator(byId('error-rate'));
    const events = obs.flatMap((o) => ev.observeAll(o)).filter((e) => e.segment === undefined);
    const resolved = events.findIndex((e) => e.type === 'resolved');
    expect(events[0]?.type).toBe('alarm');
    expect(resolved).toBeGreaterThan(0);
    expect(events.slice(resolved + 1)).toEqual([]);
  });
});
