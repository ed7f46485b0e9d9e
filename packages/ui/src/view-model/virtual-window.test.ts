import { describe, expect, it } from 'vitest';
import { computeWindow, scrollToReveal } from './virtual-window.js';

describe('computeWindow', () => {
  it('renders the visible rows plus overscan', () => {
    expect(
      computeWindow({
        scrollTop: 240,
        viewportHeight: 480,
        rowHeight: 24,
        count: 10_000,
        overscan: 5,
      }),
    ).toEqual({ start: 5, end: 36, offsetTop: 120, totalHeight: 240_000 });
  });

  it('clamps at both ends', () => {
    expect(
      computeWindow({ scrollTop: 0, viewportHeight: 100, rowHeight: 20, count: 3 }),
    ).toMatchObject({
      start: 0,
      end: 3,
    });
    const last = computeWindow({
      scrollTop: 99_999,
      viewportHeight: 100,
      rowHeight: 20,
      count: 10,
    });
    expect(last.start).toBeLessThanOrEqual(last.end);
    expect(last.end).toBe(10);
  });

  it('renders nothing for an empty list', () => {
    expect(
      computeWindow({ scrollTop: 0, viewportHeight: 500, rowHeight: 20, count: 0 }),
    ).toMatchObject({
      start: 0,
      end: 0,
      totalHeight: 0,
    });
  });
});

describe('scrollToReveal', () => {
  it('scrolls up or down only as far as needed', () => {
    expect(scrollToReveal(2, 100, 200, 20)).toBe(40);
    expect(scrollToReveal(20, 100, 200, 20)).toBe(220);
    expect(scrollToReveal(8, 100, 200, 20)).toBeUndefined();
  });
});
