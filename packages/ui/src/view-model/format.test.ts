import { describe, expect, it } from 'vitest';
import {
  elideId,
  formatAge,
  formatCost,
  formatDuration,
  formatTimestamp,
  formatTokens,
  shortId,
} from './format.js';

describe('formatDuration', () => {
  it.each([
    [0.5, '500 µs'],
    [3.456, '3.46 ms'],
    [45.67, '45.7 ms'],
    [999, '999 ms'],
    [1234, '1.23 s'],
    [12_345, '12.3 s'],
    [125_000, '2m 5s'],
    [3_720_000, '1h 2m'],
  ])('%s ms -> %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
  it('shows a dash for missing values', () => {
    expect(formatDuration(undefined)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
  });
});

describe('formatTokens', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1500, '1.5k'],
    [15_300, '15.3k'],
    [2_500_000, '2.5M'],
  ])('%s -> %s', (n, text) => expect(formatTokens(n)).toBe(text));
});

describe('formatCost', () => {
  it.each([
    [0, '$0'],
    [0.00042, '$0.00042'],
    [0.1234567, '$0.1235'],
    [12.5, '$12.50'],
    [1234.4, '$1,234'],
  ])('%s -> %s', (usd, text) => expect(formatCost(usd)).toBe(text));
  it('shows a dash when unknown', () => expect(formatCost(undefined)).toBe('—'));
});

describe('formatAge', () => {
  const now = Date.UTC(2025, 0, 31);
  it('counts back in the largest whole unit', () => {
    expect(formatAge(now - 3 * 86_400_000 - 5, now)).toBe('3 d ago');
    expect(formatAge(now - 90_000, now)).toBe('1 min ago');
    expect(formatAge(now - 400 * 86_400_000, now)).toBe('1 y ago');
  });
  it('says "in" for future instants', () => expect(formatAge(now + 7_200_000, now)).toBe('in 2 h'));
});

describe('formatTimestamp and shortId', () => {
  it('pads every field', () => {
    const ms = new Date(2025, 0, 2, 3, 4, 5).getTime();
    expect(formatTimestamp(ms)).toBe('2025-01-02 03:04:05');
  });
  it('keeps short ids whole', () => {
    expect(shortId('abc')).toBe('abc');
    expect(shortId('0123456789abcdef')).toBe('01234567');
  });
});

describe('elideId', () => {
  it('keeps both ends of long ids', () => {
    expect(elideId('00000000000000000000000000d70123')).toBe('000000…d70123');
    expect(elideId('abc')).toBe('abc');
  });
});
