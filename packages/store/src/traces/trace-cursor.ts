import { StoreError } from '../store-error.js';

/** The position after the last trace of a page: traces list newest first by (start, id). */
export interface TraceCursor {
  startMs: number;
  traceId: string;
}

/**
 * An opaque base64url cursor for a trace list position.
 *
 * @example
 * decodeTraceCursor(encodeTraceCursor({ startMs: 1, traceId: 'ab' })); // { startMs: 1, traceId: 'ab' }
 */
export function encodeTraceCursor(cursor: TraceCursor): string {
  return Buffer.from(JSON.stringify([cursor.startMs, cursor.traceId]), 'utf8').toString(
    'base64url',
  );
}

/** Reads a cursor made by `encodeTraceCursor`; anything else is a StoreError `invalid_cursor`. */
export function decodeTraceCursor(cursor: string): TraceCursor {
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url');
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (cause) {
    throw new StoreError('invalid_cursor', `invalid cursor "${cursor.slice(0, 64)}"`, { cause });
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    typeof parsed[0] !== 'number' ||
    !Number.isFinite(parsed[0]) ||
    typeof parsed[1] !== 'string' ||
    parsed[1] === ''
  ) {
    throw new StoreError('invalid_cursor', `invalid cursor "${cursor.slice(0, 64)}"`);
  }
  return { startMs: parsed[0], traceId: parsed[1] };
}
