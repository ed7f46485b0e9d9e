/** Relative time ranges offered by the traces page, by URL token. */
export const TIME_RANGES = {
  '15m': 15 * 60_000,
  '1h': 3_600_000,
  '6h': 6 * 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
} as const;
export type TimeRange = keyof typeof TIME_RANGES;

const SINGLE_KEYS = [
  'from',
  'to',
  'model',
  'provider',
  'status',
  'kind',
  'category',
  'layer',
  'sessionId',
  'userId',
  'name',
  'q',
  'cursor',
] as const;
type SingleKey = (typeof SINGLE_KEYS)[number];

/** The traces page state, exactly what the URL query string holds. */
export type TraceFilters = Partial<Record<SingleKey, string>> & {
  range?: TimeRange;
  tag: string[];
  version: string[];
};

/** Reads filters from a location's query string; unknown keys and bad ranges are ignored. */
export function parseFilters(search: string): TraceFilters {
  const params = new URLSearchParams(search);
  const filters: TraceFilters = {
    tag: nonEmpty(params.getAll('tag')),
    version: nonEmpty(params.getAll('version')),
  };
  for (const key of SINGLE_KEYS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  const range = params.get('range');
  if (range && range in TIME_RANGES) filters.range = range as TimeRange;
  return filters;
}

/**
 * The query string that reproduces `filters` (for the address bar), in a stable key order.
 *
 * @example
 * filtersToSearch({ status: 'error', tag: ['beta'], version: [] }); // '?status=error&tag=beta'
 */
export function filtersToSearch(filters: TraceFilters): string {
  const params = new URLSearchParams();
  if (filters.range) params.set('range', filters.range);
  for (const key of SINGLE_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  for (const tag of filters.tag) params.append('tag', tag);
  for (const version of filters.version) params.append('version', version);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * The GET /api/traces query for `filters`: a relative range becomes `from` at `nowMs`, an
 * explicit `from` wins over the range.
 */
export function filtersToApiQuery(
  filters: TraceFilters,
  nowMs: number,
  limit: number,
): URLSearchParams {
  const params = new URLSearchParams();
  const from =
    filters.from ?? (filters.range ? String(nowMs - TIME_RANGES[filters.range]) : undefined);
  if (from) params.set('from', from);
  for (const key of SINGLE_KEYS) {
    const value = filters[key];
    if (value && key !== 'from') params.set(key, value);
  }
  for (const tag of filters.tag) params.append('tag', tag);
  for (const version of filters.version) params.append('version', version);
  params.set('limit', String(limit));
  return params;
}

/** Whether any filter (not paging) is set, to word the empty state. */
export function hasActiveFilters(filters: TraceFilters): boolean {
  return (
    filters.range !== undefined ||
    filters.tag.length > 0 ||
    filters.version.length > 0 ||
    SINGLE_KEYS.some((key) => key !== 'cursor' && filters[key] !== undefined)
  );
}

function nonEmpty(values: string[]): string[] {
  return values.map((v) => v.trim()).filter((v) => v.length > 0);
}

/**
 * A `from`/`to` URL value (epoch ms or ISO 8601) as a `datetime-local` input value, in local
 * time; empty when it cannot be read.
 *
 * @example
 * instantToLocalInput('2025-01-02T03:04:00Z'); // '2025-01-02T04:04' in UTC+1
 */
export function instantToLocalInput(value: string | undefined): string {
  if (!value) return '';
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) return '';
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value as an ISO 8601 instant for the URL; undefined when empty or invalid. */
export function localInputToInstant(value: string): string | undefined {
  if (!value) return undefined;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}
