import { describe, expect, it } from 'vitest';
import { metricsApiQuery, metricsQueryToSearch, parseMetricsQuery } from './metrics-query.js';

describe('metrics explorer query', () => {
  it('defaults and falls back on unknown values', () => {
    expect(parseMetricsQuery('')).toEqual({
      metric: 'error_rate',
      segment: '',
      range: '1h',
      bucket: '',
      statistic: 'mean',
    });
    expect(parseMetricsQuery('?range=9y&bucket=7q&statistic=max').range).toBe('1h');
  });

  it('round-trips through the URL', () => {
    const query = parseMetricsQuery(
      '?metric=latency_ms&segment=route%3Drefund&range=6h&bucket=5m&statistic=p95',
    );
    expect(query).toEqual({
      metric: 'latency_ms',
      segment: 'route=refund',
      range: '6h',
      bucket: '5m',
      statistic: 'p95',
    });
    expect(parseMetricsQuery(metricsQueryToSearch(query))).toEqual(query);
    expect(metricsQueryToSearch(parseMetricsQuery(''))).toBe('?metric=error_rate');
  });

  it('builds the API query ending at the next whole minute', () => {
    const q = metricsApiQuery(parseMetricsQuery('?metric=error_rate&segment=route=refund'), 90_000);
    expect(Object.fromEntries(q)).toEqual({
      metric: 'error_rate',
      from: String(120_000 - 3_600_000),
      to: '120000',
      segment: 'route=refund',
    });
  });
});
