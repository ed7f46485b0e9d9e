import { describe, expect, it } from 'vitest';
import { checkOtlpSpan } from './check-otlp-span.js';
import { otlpSpan } from '../../test/normalize-fixtures/otlp-span.js';

describe('checkOtlpSpan', () => {
  it('accepts a well-formed span, with or without a parent, in either hex case', () => {
    expect(checkOtlpSpan(otlpSpan({}))).toBeUndefined();
    expect(checkOtlpSpan(otlpSpan({}, { parentSpanId: undefined }))).toBeUndefined();
    expect(checkOtlpSpan(otlpSpan({}, { parentSpanId: '' }))).toBeUndefined();
    expect(
      checkOtlpSpan(otlpSpan({}, { traceId: '5B8EFFF798038103D269B633813FC60C' })),
    ).toBeUndefined();
  });

  it.each([
    [
      'traceId',
      { traceId: '00000000000000000000000000000000' },
      'traceId must be 32 hex characters and not all zeros, got "00000000000000000000000000000000"',
    ],
    ['traceId', { traceId: 'abc' }, 'got "abc"'],
    ['traceId', { traceId: 'zz8efff798038103d269b633813fc60c' }, 'traceId must be 32 hex'],
    ['spanId', { spanId: '0000000000000000' }, 'spanId must be 16 hex characters'],
    ['spanId', { spanId: 'eee19b7ec3c1b17' }, 'got "eee19b7ec3c1b17"'],
    [
      'parentSpanId',
      { parentSpanId: 'xyz' },
      'parentSpanId must be 16 hex characters and not all zeros, got "xyz"',
    ],
    [
      'startTimeUnixNano',
      { startTimeUnixNano: '-1' },
      'startTimeUnixNano must be an unsigned 64-bit integer string, got "-1"',
    ],
    ['startTimeUnixNano', { startTimeUnixNano: '1.5' }, 'startTimeUnixNano must be an unsigned'],
    [
      'endTimeUnixNano',
      { endTimeUnixNano: '18446744073709551616' },
      'endTimeUnixNano must be an unsigned 64-bit',
    ],
    ['endTimeUnixNano', { endTimeUnixNano: undefined as unknown as string }, 'got nothing'],
  ])('rejects a malformed %s', (_field, overrides, message) => {
    expect(checkOtlpSpan(otlpSpan({}, overrides))).toContain(message);
  });

  it('rejects an end before the start and names both times', () => {
    expect(
      checkOtlpSpan(otlpSpan({}, { startTimeUnixNano: '2000', endTimeUnixNano: '1000' })),
    ).toBe('endTimeUnixNano 1000 is before startTimeUnixNano 2000');
  });

  it('accepts zero-length spans', () => {
    expect(
      checkOtlpSpan(otlpSpan({}, { startTimeUnixNano: '5', endTimeUnixNano: '5' })),
    ).toBeUndefined();
  });
});
