import { StoreError } from '../store-error.js';
import type { SessionQuery } from '../ports/trace-queries.js';
import { decodeTraceCursor, encodeTraceCursor } from './trace-cursor.js';
import { MAX_TRACE_PAGE } from './trace-query-check.js';

/** The position after the last session of a page: sessions list by (last seen, id), descending. */
export interface SessionCursor {
  lastSeenMs: number;
  sessionId: string;
}

/**
 * Validates a session query and decodes its cursor (the trace cursor's encoding, holding the
 * last session's last-seen time and id).
 *
 * @example
 * checkSessionQuery({ projectId: 'default', limit: 0 }); // throws StoreError invalid_query
 */
export function checkSessionQuery(query: SessionQuery): SessionCursor | undefined {
  if (typeof query.projectId !== 'string' || query.projectId === '') {
    throw new StoreError('invalid_query', 'projectId is required');
  }
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > MAX_TRACE_PAGE) {
    throw new StoreError(
      'invalid_query',
      `limit must be an integer from 1 to ${MAX_TRACE_PAGE}, got ${String(query.limit)}`,
    );
  }
  if (query.cursor === undefined) return undefined;
  const { startMs, traceId } = decodeTraceCursor(query.cursor);
  return { lastSeenMs: startMs, sessionId: traceId };
}

/** The cursor that continues after `last`. */
export function encodeSessionCursor(last: SessionCursor): string {
  return encodeTraceCursor({ startMs: last.lastSeenMs, traceId: last.sessionId });
}
