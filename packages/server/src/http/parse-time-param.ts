import { ApiError } from '../errors/api-error.js';

const EPOCH_MS = /^-?\d+(\.\d+)?$/;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Reads a time query parameter given as epoch milliseconds or an ISO 8601 date(-time),
 * throwing `invalid_request` that names the parameter otherwise.
 *
 * @example
 * parseTimeParam('from', '2025-01-01T00:00:00Z') // 1735689600000
 */
export function parseTimeParam(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  const ms = EPOCH_MS.test(text) ? Number(text) : ISO_8601.test(text) ? Date.parse(text) : NaN;
  if (!Number.isFinite(ms)) {
    throw new ApiError(
      'invalid_request',
      `querystring/${name} must be epoch milliseconds or an ISO 8601 date-time, got ${JSON.stringify(value)}`,
    );
  }
  return ms;
}
