import { describe, expect, it } from 'vitest';
import type { TraceRow } from './postmortem-evidence.js';
import { TraceReservoir } from './trace-reservoir.js';

const row = (i: number): TraceRow => ({
  traceId: i.toString(16).padStart(32, '0'),
  startMs: i * 1000,
  models: [],
  categories: [],
  versions: {},
  status: 'ok',
});

describe('TraceReservoir', () => {
  it('keeps everything up to its capacity, oldest first', () => {
    const reservoir = new TraceReservoir(10, 'x');
    reservoir.offer([row(3), row(1), row(2)]);
    expect(reservoir.rows().map((r) => r.startMs)).toEqual([1000, 2000, 3000]);
    expect(reservoir.sampling).toEqual({ read: 3, total: 3 });
  });

  it('samples a stream uniformly: each tenth of the stream keeps about a tenth of the sample', () => {
    const reservoir = new TraceReservoir(1000, 'incident-1');
    for (let page = 0; page < 20; page++)
      reservoir.offer(Array.from({ length: 1000 }, (_, i) => row(page * 1000 + i)));
    expect(reservoir.sampling).toEqual({ read: 1000, total: 20_000 });
    const tenths = new Array<number>(10).fill(0);
    for (const r of reservoir.rows()) tenths[Math.floor(r.startMs / 2_000_000)]!++;
    // Binomial(1000, 0.1): sd 9.5; 60..140 is beyond 4 sd on either side.
    for (const count of tenths) expect(count).toBeGreaterThan(60);
    for (const count of tenths) expect(count).toBeLessThan(140);
  });

  it('gives the same sample for the same seed and refuses a capacity that is not a count', () => {
    const run = (seed: string) => {
      const reservoir = new TraceReservoir(5, seed);
      reservoir.offer(Array.from({ length: 100 }, (_, i) => row(i)));
      return reservoir.rows().map((r) => r.traceId);
    };
    expect(run('a')).toEqual(run('a'));
    expect(run('a')).not.toEqual(run('b'));
    expect(() => new TraceReservoir(0, 'a')).toThrow(/capacity must be a positive whole number/);
  });
});
