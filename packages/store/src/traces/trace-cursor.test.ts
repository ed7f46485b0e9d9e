import { describe, expect, it } from 'vitest';
import { StoreError } from '../store-error.js';
import { decodeTraceCursor, encodeTraceCursor } from './trace-cursor.js';

describe('trace cursor', () => {
  it('round-trips a position as base64url', () => {
    const cursor = encodeTraceCursor({ startMs: 1_700_000_000_123.5, traceId: 'abc' });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeTraceCursor(cursor)).toEqual({ startMs: 1_700_000_000_123.5, traceId: 'abc' });
  });

  it.each([
    '',
    '!!',
    Buffer.from('[1,2]').toString('base64url'),
    Buffer.from('[null,"a"]').toString('base64url'),
  ])('rejects %j with invalid_cursor', (cursor) => {
    expect(() => decodeTraceCursor(cursor)).toThrow(StoreError);
    expect(() => decodeTraceCursor(cursor)).toThrow(/invalid cursor/);
  });
});
