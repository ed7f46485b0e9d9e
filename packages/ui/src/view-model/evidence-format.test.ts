import { describe, expect, it } from 'vitest';
import {
  describeParams,
  describeSegment,
  formatEvidenceValue,
  segmentParam,
  trimNumber,
} from './evidence-format.js';

describe('evidence formatting', () => {
  it('formats rates, p values, counts and statistics', () => {
    expect(formatEvidenceValue('rate', 0.0523)).toBe('5.23 %');
    expect(formatEvidenceValue('share', 1)).toBe('100 %');
    expect(formatEvidenceValue('pValue', 2.1e-9)).toBe('2.10e-9');
    expect(formatEvidenceValue('requests', 1234.4)).toBe('1,234');
    expect(formatEvidenceValue('p95', 412.3456)).toBe('412.3');
    expect(formatEvidenceValue('source', 'wiki')).toBe('wiki');
    expect(formatEvidenceValue('x', undefined)).toBe('—');
    expect(trimNumber(123456.7, 4)).toBe('123,457');
  });

  it('describes parameters and segments', () => {
    expect(describeParams({})).toBe('defaults');
    expect(describeParams({ p0: 0.05, h: 4.123456, statistic: 'p95' })).toBe(
      'p0=0.05, h=4.123, statistic=p95',
    );
    expect(describeSegment(undefined)).toBe('all traffic');
    expect(segmentParam({ route: 'refund', 'meta.tenant': 'acme' })).toBe(
      'route=refund,meta.tenant=acme',
    );
    expect(describeSegment({ route: 'refund', tool: 'search' })).toBe('route=refund, tool=search');
  });
});
