import type { DeletionSelector, Retention } from '../ports/data-maintenance.js';
import { StoreError } from '../store-error.js';

const MAX_DAYS = 36_500;

/** Checks retention days: whole numbers from 1 to 36500, or null for forever. */
export function checkRetention(retention: Retention): Retention {
  for (const [name, days] of Object.entries(retention) as [keyof Retention, number | null][]) {
    if (days !== null && (!Number.isInteger(days) || days < 1 || days > MAX_DAYS)) {
      throw new StoreError(
        'invalid_argument',
        `${name} must be a whole number of days from 1 to ${MAX_DAYS}, or null to keep forever; got ${days}`,
      );
    }
  }
  return { traceDays: retention.traceDays, contentDays: retention.contentDays };
}

/** The one id a deletion names, checked: exactly one of traceId, sessionId, userId, non-empty. */
export function checkSelector(selector: DeletionSelector): {
  column: 'trace_id' | 'session_id' | 'user_id';
  value: string;
} {
  const given = Object.entries(selector).filter(([, v]) => v !== undefined) as [string, unknown][];
  if (given.length !== 1) {
    throw new StoreError(
      'invalid_argument',
      `name exactly one of traceId, sessionId or userId to delete (got ${given.length})`,
    );
  }
  const [name, value] = given[0]!;
  const column = ({ traceId: 'trace_id', sessionId: 'session_id', userId: 'user_id' } as const)[
    name as 'traceId'
  ];
  if (column === undefined) throw new StoreError('invalid_argument', `unknown selector "${name}"`);
  if (typeof value !== 'string' || value.trim() === '') {
    throw new StoreError('invalid_argument', `${name} must be a non-empty string`);
  }
  return { column, value };
}

export const DAY_MS = 86_400_000;
