import { describe, expect, it } from 'vitest';
import {
  drawRandomIncident,
  INCIDENT_DIRECTIONS,
  incidentGroundTruth,
  isRateMetric,
  MIN_RATE_EFFECT,
  MIN_SEGMENT_SHARE,
  MIN_VALUE_FACTOR,
  RANDOM_INCIDENT_METRICS,
  requestTimes,
  SEGMENT_ATTRIBUTES,
  SPAN_CONVENTIONS,
  type RandomIncident,
  type RandomIncidentMetric,
} from './random-incidents.js';
import { randomIncidentTraffic } from './random-incident-traffic.js';

const SEEDS = Array.from({ length: 400 }, (_, i) => i + 1);
const incidents = SEEDS.map((seed) => drawRandomIncident(seed));

/** The first seed from 1 whose incident matches. */
function seedWhere(match: (s: RandomIncident) => boolean): RandomIncident {
  const found = incidents.find(match);
  if (!found) throw new Error('no seed in range matches');
  return found;
}

describe('drawRandomIncident', () => {
  it('draws the same incident and the same traffic from the same seed', () => {
    expect(drawRandomIncident(42)).toEqual(drawRandomIncident(42));
    const a = [
      ...randomIncidentTraffic(
        drawRandomIncident(42, { requests: 50, onset: { from: 10, to: 20 } }),
      ),
    ];
    const b = [
      ...randomIncidentTraffic(
        drawRandomIncident(42, { requests: 50, onset: { from: 10, to: 20 } }),
      ),
    ];
    expect(a).toEqual(b);
  });

  it('draws different incidents from different seeds, and healthy streams apart from incidents', () => {
    const distinct = new Set(incidents.map((s) => JSON.stringify(s.incident)));
    expect(distinct.size).toBe(incidents.length);
    const healthy = drawRandomIncident(42, { healthy: true });
    expect(healthy.segments).not.toEqual(drawRandomIncident(42).segments);
    expect(requestTimes(healthy)).not.toEqual(requestTimes(drawRandomIncident(42)));
  });

  it('keeps every parameter in its documented range', () => {
    for (const s of incidents) {
      const effect = s.incident!;
      expect(SPAN_CONVENTIONS).toContain(s.convention);
      expect(Object.keys(SEGMENT_ATTRIBUTES)).toContain(s.attribute);
      for (const g of s.segments) expect(SEGMENT_ATTRIBUTES[s.attribute]).toContain(g.value);
      expect(new Set(s.segments.map((g) => g.value)).size).toBe(s.segments.length);
      expect(s.segments.reduce((n, g) => n + g.share, 0)).toBeCloseTo(1, 9);
      const affected = s.segments.find((g) => g.value === effect.segment)!;
      expect(affected.share).toBeGreaterThanOrEqual(MIN_SEGMENT_SHARE);
      expect(INCIDENT_DIRECTIONS[effect.metric]).toContain(effect.direction);
      expect(s.onsetIndex).toBeGreaterThanOrEqual(3_000);
      expect(s.onsetIndex).toBeLessThanOrEqual(3_500);
      const signed = effect.direction === 'up' ? 1 : -1;
      if (isRateMetric(effect.metric)) {
        expect(signed * (effect.after - effect.before)).toBeGreaterThanOrEqual(
          MIN_RATE_EFFECT - 1e-12,
        );
        for (const x of [effect.before, effect.after]) {
          expect(x).toBeGreaterThan(0);
          expect(x).toBeLessThan(1);
        }
      } else {
        const factor =
          effect.direction === 'up' ? effect.after / effect.before : effect.before / effect.after;
        expect(factor).toBeGreaterThanOrEqual(MIN_VALUE_FACTOR - 1e-12);
      }
    }
  });

  it('covers every metric, direction, convention and segment attribute', () => {
    const seen = (f: (s: RandomIncident) => string) => new Set(incidents.map(f));
    for (const metric of RANDOM_INCIDENT_METRICS)
      for (const direction of INCIDENT_DIRECTIONS[metric])
        expect(seen((s) => `${s.incident!.metric} ${s.incident!.direction}`)).toContain(
          `${metric} ${direction}`,
        );
    expect([...seen((s) => s.convention)].sort()).toEqual([...SPAN_CONVENTIONS].sort());
    expect([...seen((s) => s.attribute)].sort()).toEqual(Object.keys(SEGMENT_ATTRIBUTES).sort());
    expect(seen((s) => s.incident!.cause)).toEqual(new Set(['model-update', 'silent']));
  });

  it('draws healthy streams without an incident or a model change', () => {
    const s = drawRandomIncident(7, { healthy: true, requests: 2_000 });
    expect(s.incident).toBeUndefined();
    expect(s.onsetIndex).toBe(2_000);
    expect(s.responseModel.after).toBe(s.responseModel.before);
    expect(() => incidentGroundTruth(s)).toThrow(/healthy/);
  });

  it('refuses bad seeds, counts and onset ranges with the problem named', () => {
    expect(() => drawRandomIncident(1.5)).toThrow(/seed must be an integer/);
    expect(() => drawRandomIncident(1, { requests: 0 })).toThrow(
      /requests must be a positive integer/,
    );
    expect(() => drawRandomIncident(1, { requests: 100, onset: { from: 50, to: 100 } })).toThrow(
      /onset range 50..100/,
    );
    expect(() => drawRandomIncident(1, { onset: { from: 20, to: 10 } })).toThrow(/onset range/);
    expect(() => drawRandomIncident(1, { onset: { from: 0, to: 10 } })).toThrow(/onset range/);
  });
});

describe('ground truth', () => {
  it('places the onset at the onset request, on simulated time that only moves forward', () => {
    const s = drawRandomIncident(3);
    const times = requestTimes(s);
    const truth = incidentGroundTruth(s);
    expect(truth.onsetMs).toBe(times[s.onsetIndex]);
    expect(times.length).toBe(s.requests);
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThan(times[i - 1]!);
    expect(truth.segment).toEqual({
      attribute: s.attribute,
      value: s.incident!.segment,
      share: s.segments.find((g) => g.value === s.incident!.segment)!.share,
    });
  });

  const flag: Partial<
    Record<RandomIncidentMetric, 'refusal' | 'error' | 'toolCall' | 'escalation'>
  > = {
    refusal_rate: 'refusal',
    error_rate: 'error',
    tool_call_rate: 'toolCall',
    escalation_rate: 'escalation',
  };

  it.each(['refusal_rate', 'tool_call_rate', 'escalation_rate'] as const)(
    'moves %s in the affected segment only, from the onset on, as the ground truth says',
    (metric) => {
      const base = seedWhere(
        (s) => s.incident!.metric === metric && s.incident!.after - s.incident!.before > 0.1,
      );
      // A long stream with an early onset, so both phases hold thousands of the segment's requests.
      const s = drawRandomIncident(base.seed, {
        requests: 12_000,
        onset: { from: 6_000, to: 6_000 },
      });
      const truth = incidentGroundTruth(s);
      const key = flag[metric]!;
      const tally = { before: [0, 0], after: [0, 0], otherBefore: [0, 0], otherAfter: [0, 0] };
      for (const r of randomIncidentTraffic(s)) {
        const mine = r.segment === truth.segment.value;
        const phase = r.index < truth.onsetIndex ? 'before' : 'after';
        const cell = tally[mine ? phase : phase === 'before' ? 'otherBefore' : 'otherAfter'];
        cell[0]! += r[key] ? 1 : 0;
        cell[1]! += 1;
      }
      const rate = ([k, n]: number[]) => k! / n!;
      const sd = (p: number, n: number) => Math.sqrt((p * (1 - p)) / n);
      // Refusals and errors exclude tool calls, so the observed tool-call rate sits a little lower.
      const slack = metric === 'tool_call_rate' ? 0.06 : 0;
      expect(Math.abs(rate(tally.before) - truth.before)).toBeLessThan(
        5 * sd(truth.before, tally.before[1]!) + slack,
      );
      expect(Math.abs(rate(tally.after) - truth.after)).toBeLessThan(
        5 * sd(truth.after, tally.after[1]!) + slack,
      );
      const other = rate(tally.otherBefore);
      expect(Math.abs(rate(tally.otherAfter) - other)).toBeLessThan(
        5 * sd(Math.max(other, 0.01), tally.otherAfter[1]!) * 1.5,
      );
    },
  );

  it('moves latency by the drawn factor in the affected segment', () => {
    const base = seedWhere((s) => s.incident!.metric === 'latency');
    const s = drawRandomIncident(base.seed, { requests: 8_000, onset: { from: 4_000, to: 4_000 } });
    const truth = incidentGroundTruth(s);
    const logs = { before: [] as number[], after: [] as number[] };
    for (const r of randomIncidentTraffic(s)) {
      if (r.segment === truth.segment.value)
        logs[r.index < s.onsetIndex ? 'before' : 'after'].push(Math.log(r.latencyMs));
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(Math.exp(mean(logs.before))).toBeGreaterThan(truth.before * 0.93);
    expect(Math.exp(mean(logs.before))).toBeLessThan(truth.before * 1.07);
    expect(Math.exp(mean(logs.after) - mean(logs.before))).toBeCloseTo(
      truth.after / truth.before,
      1,
    );
  });

  it('changes the answering model at the onset only in model-update incidents', () => {
    const update = seedWhere(
      (s) => s.incident!.cause === 'model-update' && s.attribute !== 'gen_ai.request.model',
    );
    const requests = [
      ...randomIncidentTraffic(
        drawRandomIncident(update.seed, { requests: 60, onset: { from: 30, to: 30 } }),
      ),
    ];
    const model = (i: number) => requests[i]!.spans[1]!.name;
    expect(model(29)).toBe(`chat ${update.responseModel.before}`);
    expect(model(30)).toBe(`chat ${update.responseModel.after}`);
    expect(update.responseModel.after).not.toBe(update.responseModel.before);
    const silent = seedWhere((s) => s.incident!.cause === 'silent');
    expect(silent.responseModel.after).toBe(silent.responseModel.before);
  });
});
