import { describe, expect, it } from 'vitest';
import { ArtifactError } from './artifact-error.js';
import { drainSeries } from './pin-drain.js';

const MIN = 60_000;

describe('drainSeries', () => {
  it('counts a session live from its pin until it idles out, per label and version', () => {
    const pins = [
      { label: 'production', version: 1, pinnedAtMs: 0, lastSeenMs: 10 * MIN },
      { label: 'production', version: 1, pinnedAtMs: 5 * MIN, lastSeenMs: 40 * MIN },
      { label: 'production', version: 2, pinnedAtMs: 20 * MIN, lastSeenMs: 60 * MIN },
    ];
    const series = drainSeries(pins, { fromMs: 0, toMs: 60 * MIN, points: 7, idleMs: 15 * MIN });
    expect(series.map((s) => `${s.label}@${s.version}`)).toEqual(['production@1', 'production@2']);
    // Instants 0, 10, 20, ... 60 minutes.
    expect(series[0]!.points.map((p) => p.sessions)).toEqual([1, 2, 2, 1, 1, 1, 0]);
    expect(series[1]!.points.map((p) => p.sessions)).toEqual([0, 0, 1, 1, 1, 1, 1]);
  });

  it('refuses a range that ends before it starts and point counts outside 2-500', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return error instanceof ArtifactError ? error.code : 'other';
      }
      return undefined;
    };
    expect(code(() => drainSeries([], { fromMs: 5, toMs: 5, points: 10, idleMs: 1 }))).toBe(
      'invalid_range',
    );
    expect(code(() => drainSeries([], { fromMs: 0, toMs: 5, points: 1, idleMs: 1 }))).toBe(
      'invalid_range',
    );
    expect(code(() => drainSeries([], { fromMs: 0, toMs: 5, points: 501, idleMs: 1 }))).toBe(
      'invalid_range',
    );
    expect(drainSeries([], { fromMs: 0, toMs: 5, points: 2, idleMs: 1 })).toEqual([]);
  });
});
