import {
  API_ROUTES,
  queryParameters,
  searchParamsOf,
  type QueryStringOf,
  type RouteSearchParams,
} from '@glassbox/core/api';

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

const LIST_TRACES = API_ROUTES.listTraces;
type TraceListQuery = QueryStringOf<typeof LIST_TRACES>;

/** The filters and paging of the trace list that take one value, as the API names them. */
type SingleKey = {
  [K in keyof TraceListQuery]-?: NonNullable<TraceListQuery[K]> extends readonly string[]
    ? never
    : K;
}[keyof TraceListQuery] &
  string;

/** Every single-valued parameter of GET /api/traces but the page size, in contract order. */
const SINGLE_KEYS = queryParameters(LIST_TRACES)
  .filter((p) => !p.repeated && p.name !== 'limit')
  .map((p) => p.name as Exclude<SingleKey, 'limit'>);

/** The traces page state, exactly what the URL query string holds. */
export type TraceFilters = Partial<Record<Exclude<SingleKey, 'limit'>, string>> & {
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
): RouteSearchParams<typeof LIST_TRACES> {
  const { range, ...values } = filters;
  const from = filters.from ?? (range ? String(nowMs - TIME_RANGES[range]) : undefined);
  return searchParamsOf(LIST_TRACES, { ...values, from, limit });
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
