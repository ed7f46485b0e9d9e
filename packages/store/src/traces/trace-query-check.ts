import { FAILURE_CATEGORIES, LAYERS } from '@glassbox/core/classify';
import { SPAN_KINDS, SPAN_STATUSES, TEXT_SCOPES, TRACE_OUTCOMES } from '@glassbox/core/model';
import { StoreError } from '../store-error.js';
import type { TraceQuery, TraceRowQuery } from '../ports/trace-queries.js';
import { decodeTraceCursor, type TraceCursor } from './trace-cursor.js';

/** The largest page a trace list returns. */
export const MAX_TRACE_PAGE = 1000;

/** The most rows one `traceRows` read returns. */
export const MAX_TRACE_ROWS = 1_000_000;

/**
 * Validates a lean-row window query, naming the first bad field.
 *
 * @example
 * checkTraceRowQuery({ projectId: 'default', from: 2, to: 1, limit: 10 }); // throws invalid_query
 */
export function checkTraceRowQuery(query: TraceRowQuery): void {
  checkWindow(query, MAX_TRACE_ROWS);
  if (!Number.isFinite(query.from) || !Number.isFinite(query.to)) {
    throw new StoreError('invalid_query', 'from and to are required');
  }
  if (query.from > query.to) {
    throw new StoreError('invalid_query', `from (${query.from}) is after to (${query.to})`);
  }
}

/** The project, limit and time bounds every trace read checks alike. */
function checkWindow(
  query: { projectId: string; limit: number; from?: number; to?: number },
  maxLimit: number,
): void {
  const bad = (message: string): never => {
    throw new StoreError('invalid_query', message);
  };
  if (typeof query.projectId !== 'string' || query.projectId === '') bad('projectId is required');
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > maxLimit) {
    bad(`limit must be an integer from 1 to ${maxLimit}, got ${String(query.limit)}`);
  }
  for (const key of ['from', 'to'] as const) {
    const value = query[key];
    if (value !== undefined && !Number.isFinite(value)) bad(`${key} must be a finite number`);
  }
}

/**
 * Validates a trace query and decodes its cursor, naming the first bad field.
 *
 * @example
 * checkTraceQuery({ projectId: 'default', limit: 0 }); // throws StoreError invalid_query
 */
export function checkTraceQuery(query: TraceQuery): TraceCursor | undefined {
  const bad = (message: string): never => {
    throw new StoreError('invalid_query', message);
  };
  checkWindow(query, MAX_TRACE_PAGE);
  if (query.kind !== undefined && !(SPAN_KINDS as readonly string[]).includes(query.kind)) {
    bad(`kind must be one of ${SPAN_KINDS.join(', ')}, got "${query.kind}"`);
  }
  if (query.status !== undefined && !(SPAN_STATUSES as readonly string[]).includes(query.status)) {
    bad(`status must be one of ${SPAN_STATUSES.join(', ')}, got "${query.status}"`);
  }
  if (
    query.outcome !== undefined &&
    !(TRACE_OUTCOMES as readonly string[]).includes(query.outcome)
  ) {
    bad(`outcome must be one of ${TRACE_OUTCOMES.join(', ')}, got "${query.outcome}"`);
  }
  if (
    query.textScope !== undefined &&
    !(TEXT_SCOPES as readonly string[]).includes(query.textScope)
  ) {
    bad(`textScope must be one of ${TEXT_SCOPES.join(', ')}, got "${query.textScope}"`);
  }
  if (query.category !== undefined && !Object.hasOwn(FAILURE_CATEGORIES, query.category)) {
    bad(
      `unknown failure category "${query.category}"; known: ${Object.keys(FAILURE_CATEGORIES).join(', ')}`,
    );
  }
  if (query.layer !== undefined && !(LAYERS as readonly string[]).includes(query.layer)) {
    bad(`unknown layer "${query.layer}"; known: ${LAYERS.join(', ')}`);
  }
  return query.cursor === undefined ? undefined : decodeTraceCursor(query.cursor);
}
