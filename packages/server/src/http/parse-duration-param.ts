import { ApiError } from '../errors/api-error.js';

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)?$/;

/**
 * Reads a duration query parameter: whole milliseconds (`300000`) or a number with a unit
 * (`500ms`, `30s`, `5m`, `1h`, `1d`, `1w`), throwing `invalid_request` naming the parameter.
 *
 * @example
 * parseDurationParam('bucket', '5m'); // 300000
 */
export function parseDurationParam(name: string, value: string): number {
  const match = DURATION.exec(value.trim());
  const ms = match ? Number(match[1]) * UNIT_MS[match[2] ?? 'ms']! : NaN;
  if (!Number.isInteger(ms) || ms < 1) {
    throw new ApiError(
      'invalid_request',
      `querystring/${name} must be a positive duration in milliseconds or with a unit (ms, s, m, h, d, w), e.g. 300000 or 5m; got ${JSON.stringify(value)}`,
    );
  }
  return ms;
}
