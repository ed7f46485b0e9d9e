import { describe, expect, it } from 'vitest';
import {
  filtersToApiQuery,
  filtersToSearch,
  hasActiveFilters,
  instantToLocalInput,
  localInputToInstant,
  parseFilters,
} from './trace-filters.js';

describe('trace filters in the URL', () => {
  it('round-trips through the query string', () => {
    const search = '?range=24h&status=error&q=refund+policy&tag=beta&tag=eu&version=prompt%3Av3';
    const filters = parseFilters(search);
    expect(filters).toEqual({
      range: '24h',
      status: 'error',
      q: 'refund policy',
      tag: ['beta', 'eu'],
      version: ['prompt:v3'],
    });
    expect(filtersToSearch(filters)).toBe(search);
  });

  it('ignores unknown keys, blank values and unknown ranges', () => {
    expect(parseFilters('?range=2y&bogus=1&model=&tag=')).toEqual({ tag: [], version: [] });
    expect(filtersToSearch({ tag: [], version: [] })).toBe('');
  });

  it('knows when filters are active, not counting the cursor', () => {
    expect(hasActiveFilters(parseFilters('?cursor=abc'))).toBe(false);
    expect(hasActiveFilters(parseFilters('?userId=u1'))).toBe(true);
  });
});

describe('filtersToApiQuery', () => {
  it('turns a relative range into from and keeps repeatable keys', () => {
    const query = filtersToApiQuery(
      parseFilters('?range=1h&kind=llm&tag=a&tag=b&cursor=c1'),
      10_000_000,
      50,
    );
    expect(query.get('from')).toBe(String(10_000_000 - 3_600_000));
    expect(query.get('kind')).toBe('llm');
    expect(query.getAll('tag')).toEqual(['a', 'b']);
    expect(query.get('cursor')).toBe('c1');
    expect(query.get('limit')).toBe('50');
    expect(query.has('range')).toBe(false);
  });

  it('prefers an explicit from over the range', () => {
    const query = filtersToApiQuery(
      parseFilters('?range=1h&from=2025-01-01T00:00:00Z'),
      10_000_000,
      10,
    );
    expect(query.get('from')).toBe('2025-01-01T00:00:00Z');
  });
});

describe('custom time range inputs', () => {
  it('round-trips a local datetime through an ISO instant', () => {
    const local = '2025-03-14T09:26';
    const iso = localInputToInstant(local);
    expect(iso).toBe(new Date(local).toISOString());
    expect(instantToLocalInput(iso)).toBe(local);
  });

  it('reads epoch milliseconds and rejects nonsense', () => {
    const ms = new Date(2025, 0, 2, 3, 4).getTime();
    expect(instantToLocalInput(String(ms))).toBe('2025-01-02T03:04');
    expect(instantToLocalInput('yesterday')).toBe('');
    expect(localInputToInstant('')).toBeUndefined();
    expect(localInputToInstant('not a date')).toBeUndefined();
  });
});
