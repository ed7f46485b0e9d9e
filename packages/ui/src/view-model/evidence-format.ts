const PERCENT_KEYS = /^(rate|share|p0|minIncrease|minDistance|minRelativeDrop)$/;

/**
 * Formats one evidence or parameter value for display: rates and shares as percentages,
 * p values in exponent notation, counts as integers, other numbers to 4 significant digits.
 *
 * @example
 * formatEvidenceValue('rate', 0.0523); // '5.23 %'
 * formatEvidenceValue('pValue', 2.1e-9); // '2.10e-9'
 */
export function formatEvidenceValue(key: string, value: number | string | undefined): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return String(value);
  if (PERCENT_KEYS.test(key)) return `${trimNumber(value * 100, 3)} %`;
  if (key === 'pValue' || key === 'alpha') return value.toExponential(2);
  if (/^(requests|count|blocks|queries|baselineSize|window|blockSize|minCount)$/.test(key))
    return Math.round(value).toLocaleString('en-US');
  return trimNumber(value, 4);
}

/** Numbers to `digits` significant digits without trailing zeros: 0.1235, 1,234. */
export function trimNumber(value: number, digits: number): string {
  if (value === 0) return '0';
  if (Math.abs(value) >= 10 ** digits) return Math.round(value).toLocaleString('en-US');
  return String(Number(value.toPrecision(digits)));
}

/** Detector parameters as `key=value` text, or `defaults` when none are set. */
export function describeParams(params: Readonly<Record<string, number | string>>): string {
  const entries = Object.entries(params);
  if (entries.length === 0) return 'defaults';
  return entries.map(([k, v]) => `${k}=${typeof v === 'number' ? trimNumber(v, 4) : v}`).join(', ');
}

/** A segment filter as `key=value, ...`, or `all traffic`. */
export function describeSegment(segment: Readonly<Record<string, string>> | undefined): string {
  const entries = Object.entries(segment ?? {});
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(', ') : 'all traffic';
}

/**
 * A segment filter as the API's `segment` parameter.
 *
 * @example
 * segmentParam({ route: 'refund', tool: 'search' }); // 'route=refund,tool=search'
 */
export function segmentParam(segment: Readonly<Record<string, string>>): string {
  return Object.entries(segment)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}
