import { describe, expect, it } from 'vitest';
import { generateTraffic } from './generate-traffic.js';
import { FAQ_QUERIES, HUMAN_REQUEST_QUERIES, NEW_PRODUCT_QUERIES } from './query-catalog.js';
import { seededIdGenerator } from './seeded-id-generator.js';
import { VirtualClock } from './virtual-clock.js';

const START = Date.UTC(2024, 5, 10, 8);
const base = {
  seed: 4,
  phase: 'healthy',
  startMs: START,
  minutes: 60,
  requests: 200,
  mix: [
    { weight: 9, queries: FAQ_QUERIES },
    { weight: 1, queries: HUMAN_REQUEST_QUERIES },
  ],
};

describe('generateTraffic', () => {
  it('is reproducible per seed and phase, and differs across them', () => {
    expect(generateTraffic(base)).toEqual(generateTraffic(base));
    expect(generateTraffic({ ...base, seed: 5 })).not.toEqual(generateTraffic(base));
    expect(generateTraffic({ ...base, phase: 'incident' })).not.toEqual(generateTraffic(base));
  });

  it('spreads requests over the phase in order, in sessions of one to three turns by one user', () => {
    const traffic = generateTraffic(base);
    expect(traffic[0]!.at).toBeGreaterThanOrEqual(START);
    expect(traffic.at(-1)!.at).toBeLessThan(START + 60 * 60_000);
    for (let i = 1; i < traffic.length; i++)
      expect(traffic[i]!.at).toBeGreaterThan(traffic[i - 1]!.at);
    const sessions = new Map<string, { users: Set<string>; turns: number }>();
    for (const r of traffic) {
      const s = sessions.get(r.sessionId) ?? { users: new Set(), turns: 0 };
      s.users.add(r.userId);
      s.turns++;
      sessions.set(r.sessionId, s);
    }
    for (const s of sessions.values()) {
      expect(s.users.size).toBe(1);
      expect(s.turns).toBeLessThanOrEqual(3);
    }
    expect(new Set(traffic.map((r) => r.plan))).toEqual(new Set(['free', 'plus', 'pro']));
  });

  it('follows the mix weights, and a shift moves the mix over the phase', () => {
    const human = generateTraffic(base).filter((r) => r.segment === 'human_request').length;
    expect(human / 200).toBeGreaterThan(0.04);
    expect(human / 200).toBeLessThan(0.18);
    const shifted = generateTraffic({
      ...base,
      shift: { to: [{ weight: 1, queries: NEW_PRODUCT_QUERIES }], finalShare: 1 },
    });
    const share = (rs: typeof shifted) =>
      rs.filter((r) => r.segment === 'new_product').length / rs.length;
    expect(share(shifted.slice(0, 40))).toBeLessThan(0.3);
    expect(share(shifted.slice(-40))).toBeGreaterThan(0.8);
  });

  it('rejects bad counts, durations and empty mixes', () => {
    expect(() => generateTraffic({ ...base, requests: -1 })).toThrow(/requests must be/);
    expect(() => generateTraffic({ ...base, minutes: 0 })).toThrow(/minutes must be positive/);
    expect(() => generateTraffic({ ...base, mix: [{ weight: 0, queries: FAQ_QUERIES }] })).toThrow(
      /positive total weight/,
    );
  });
});

describe('VirtualClock', () => {
  it('jumps forward only and runs at wall speed between jumps', async () => {
    const clock = new VirtualClock(START);
    clock.jumpTo(START + 3_600_000);
    expect(clock.instant()).toBe(START + 3_600_000);
    await new Promise((r) => setTimeout(r, 20));
    expect(clock.now() - clock.instant()).toBeGreaterThanOrEqual(15);
    clock.jumpTo(START);
    expect(clock.now()).toBeGreaterThan(START + 3_600_000);
    expect(clock.elapsedMinutes()).toBeGreaterThanOrEqual(60);
    expect(() => new VirtualClock(Number.NaN)).toThrow(/epoch milliseconds/);
  });
});

describe('seededIdGenerator', () => {
  it('yields valid, reproducible OpenTelemetry ids', () => {
    const a = seededIdGenerator(7);
    const b = seededIdGenerator(7);
    const ids = [a.generateTraceId(), a.generateSpanId()];
    expect(ids).toEqual([b.generateTraceId(), b.generateSpanId()]);
    expect(ids[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(ids[1]).toMatch(/^[0-9a-f]{16}$/);
    expect(seededIdGenerator(8).generateTraceId()).not.toBe(ids[0]);
  });
});
