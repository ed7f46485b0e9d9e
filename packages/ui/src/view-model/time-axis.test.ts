import { describe, expect, it } from 'vitest';
import { createTimeAxis, niceStep } from './time-axis.js';

describe('createTimeAxis', () => {
  it('maps instants and durations onto fractions of the width', () => {
    const axis = createTimeAxis(1000, 1800);
    expect(axis.position(1000)).toBe(0);
    expect(axis.position(1400)).toBe(0.5);
    expect(axis.position(5000)).toBe(1);
    expect(axis.position(0)).toBe(0);
    expect(axis.extent(200)).toBe(0.25);
    expect(axis.extent(0)).toBe(0.002);
  });

  it('places ticks at nice steps covering the trace', () => {
    expect(createTimeAxis(1000, 1800).ticks.map((t) => t.offsetMs)).toEqual([
      0, 200, 400, 600, 800,
    ]);
    const ticks = createTimeAxis(0, 7300).ticks.map((t) => t.offsetMs);
    expect(ticks).toEqual([0, 2000, 4000, 6000]);
  });

  it('survives a zero-length trace', () => {
    const axis = createTimeAxis(5, 5);
    expect(axis.position(5)).toBe(0);
    expect(axis.ticks.length).toBeGreaterThan(0);
  });
});

describe('niceStep', () => {
  it.each([
    [0.7, 1],
    [1.5, 2],
    [3, 5],
    [7, 10],
    [230, 500],
    [0.013, 0.02],
  ])('%s -> %s', (raw, step) => expect(niceStep(raw)).toBeCloseTo(step, 10));
  it('falls back to 1 for nonsense', () => expect(niceStep(-1)).toBe(1));
});
