import { describe, expect, it } from 'vitest';
import { bucketFor, dataWindow, parseFailureRange, windowToSearch } from './failure-window.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const T = Date.parse('2025-03-01T00:00:00Z');

describe('dataWindow', () => {
  it('covers every trace of a few weeks of data, in whole buckets', () => {
    const w = dataWindow({ firstMs: T + 3 * HOUR, lastMs: T + 20 * DAY + 5 * HOUR })!;
    expect(w.bucketMs).toBe(6 * HOUR);
    expect(w.from).toBeLessThanOrEqual(T + 3 * HOUR);
    expect(w.to).toBeGreaterThan(T + 20 * DAY + 5 * HOUR);
    expect(w.from % w.bucketMs).toBe(0);
    expect(w.to % w.bucketMs).toBe(0);
  });

  it('stops 30 days before the newest trace', () => {
    const w = dataWindow({ firstMs: T, lastMs: T + 90 * DAY })!;
    expect(w.from).toBeGreaterThanOrEqual(T + 60 * DAY - DAY);
    expect(w.to - w.from).toBeLessThanOrEqual(31 * DAY);
  });

  it('draws a short burst in small buckets, and nothing without data', () => {
    expect(dataWindow({ firstMs: T, lastMs: T + 10 * 60_000 })!.bucketMs).toBe(5 * 60_000);
    expect(dataWindow({})).toBeUndefined();
  });
});

describe('bucketFor', () => {
  it('keeps a window under 120 bars', () => {
    expect(bucketFor(HOUR)).toBe(5 * 60_000);
    expect(bucketFor(DAY)).toBe(HOUR);
    expect(bucketFor(30 * DAY)).toBe(6 * HOUR);
    expect(bucketFor(365 * DAY)).toBe(DAY);
  });
});

describe('parseFailureRange', () => {
  it('reads a preset, an absolute window, or nothing', () => {
    expect(parseFailureRange('?range=7d')).toEqual({ kind: 'preset', range: '7d' });
    const search = windowToSearch({ from: T, to: T + DAY });
    expect(search).toBe('?from=2025-03-01T00%3A00%3A00.000Z&to=2025-03-02T00%3A00%3A00.000Z');
    expect(parseFailureRange(search)).toEqual({ kind: 'window', from: T, to: T + DAY });
    expect(parseFailureRange(`?from=${T}&to=${T + 1}`)).toEqual({
      kind: 'window',
      from: T,
      to: T + 1,
    });
  });

  it('ignores unknown presets and backwards or unreadable windows', () => {
    expect(parseFailureRange('?range=2y').kind).toBe('none');
    expect(parseFailureRange(`?from=${T + 1}&to=${T}`).kind).toBe('none');
    expect(parseFailureRange('?from=yesterday&to=today').kind).toBe('none');
    expect(parseFailureRange('').kind).toBe('none');
  });
});
