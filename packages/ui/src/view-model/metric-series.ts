import { resolveMetric } from '@glassbox/core/detect';
import type { MetricSeries } from '@glassbox/core/api';
import { formatEvidenceValue } from './evidence-format.js';
import { buildLineChart, type ChartLine, type LineChart, type SeriesPoint } from './line-chart.js';

/** Which block statistic of a value metric to chart. */
export type ValueStatistic = 'mean' | 'p50' | 'p95';

/** The kind of a metric name (rate, value, share, session, text), or undefined when unknown. */
export function metricKind(metric: string): string | undefined {
  try {
    return resolveMetric(metric).kind;
  } catch {
    return undefined;
  }
}

/**
 * A Shewhart chart of a rolled-up metric, one point per bucket.
 * - rates: a p-chart, centre p̄ = events / requests over the range, limits
 *   p̄ ± 3·√(p̄(1 − p̄)/nᵢ) per bucket (wider where a bucket has fewer requests);
 * - values and sessions: an individuals chart of the chosen statistic, centre the mean of the
 *   buckets, limits ± 2.66 · mean moving range (3σ with σ = MR̄ / 1.128);
 * - shares: one line per category (the five largest), no limits;
 * - text: requests per bucket.
 * Points beyond a limit are marked as alarms; empty buckets leave gaps. With
 * `baselineUntilMs` (an alert's onset) centre and limits come from the buckets before it,
 * so the shift itself does not widen them. With `baselineRate` (a rate detector's p0, learnt
 * over far more requests than the window shows) the p-chart is centred on it instead, so
 * the chart and the alert's evidence name the same baseline.
 *
 * @example
 * const chart = metricControlChart(await api.metrics(query), { statistic: 'p95' });
 */
export function metricControlChart(
  response: MetricSeries,
  options: {
    statistic?: ValueStatistic;
    markers?: LineChart['markers'];
    baselineUntilMs?: number;
    baselineRate?: number;
  } = {},
): LineChart {
  const kind = metricKind(response.metric);
  const xRange: [number, number] = [response.from, response.to];
  const chartOptions = { xRange, markers: options.markers ?? [] };
  const points = response.points;
  const until = options.baselineUntilMs;
  const before =
    until === undefined ? [] : points.filter((p) => p.startMs + response.bucketMs <= until);
  // Limits come from the in-control period before a known change when it has data (phase II).
  const reference = before.filter((p) => p.count > 0).length >= 2 ? before : points;
  if (kind === 'rate') {
    const requests = reference.reduce((n, p) => n + p.count, 0);
    const events = reference.reduce((n, p) => n + (p.events ?? 0), 0);
    const given = options.baselineRate;
    const pBar = given ?? (requests ? events / requests : 0);
    const centred = given !== undefined || requests > 0;
    const sigma = (n: number) => Math.sqrt((pBar * (1 - pBar)) / n);
    const limit = (sign: 1 | -1): SeriesPoint[] =>
      points.map((p) => ({
        atMs: p.startMs,
        value: p.count ? clamp01(pBar + sign * 3 * sigma(p.count)) : undefined,
      }));
    const upper = limit(1);
    return buildLineChart(
      [
        { name: 'upper control limit', role: 'limit', points: upper },
        { name: 'lower control limit', role: 'limit', points: limit(-1) },
        {
          name:
            given === undefined
              ? `centre p̄ = ${(pBar * 100).toFixed(2)} %`
              : `baseline p0 = ${formatEvidenceValue('rate', pBar)} (the detector's)`,
          role: 'centre',
          points: points.map((p) => ({ atMs: p.startMs, value: centred ? pBar : undefined })),
        },
        {
          name: response.metric,
          role: 'data',
          points: points.map((p, i) => ({
            atMs: p.startMs,
            value: p.rate,
            alarm: p.rate !== undefined && p.rate > (upper[i]?.value ?? Infinity),
          })),
        },
      ],
      { ...chartOptions, includeZero: true },
    );
  }
  if (kind === 'value' || kind === 'session') {
    const statistic = options.statistic ?? 'mean';
    const values = points.map((p) => p[statistic]);
    const present = reference
      .map((p) => p[statistic])
      .filter((v): v is number => v !== undefined && Number.isFinite(v));
    const lines: ChartLine[] = [];
    let upper = Infinity;
    let lower = -Infinity;
    const ranges = present.slice(1).map((v, i) => Math.abs(v - (present[i] as number)));
    const mr = ranges.reduce((a, b) => a + b, 0) / Math.max(1, ranges.length);
    // Constant values have no spread to set limits from.
    if (present.length >= 2 && mr > 0) {
      const centre = present.reduce((a, b) => a + b, 0) / present.length;
      upper = centre + 2.66 * mr;
      lower = centre - 2.66 * mr;
      const flat = (name: string, role: ChartLine['role'], value: number): ChartLine => ({
        name,
        role,
        points: [
          { atMs: response.from, value },
          { atMs: response.to, value },
        ],
      });
      lines.push(flat('upper control limit', 'limit', upper));
      if (lower > 0 || present.some((v) => v < 0))
        lines.push(flat('lower control limit', 'limit', lower));
      lines.push(flat('centre', 'centre', centre));
    }
    lines.push({
      name: `${statistic} of ${response.metric}`,
      role: 'data',
      points: points.map((p, i) => {
        const v = values[i];
        return { atMs: p.startMs, value: v, alarm: v !== undefined && (v > upper || v < lower) };
      }),
    });
    return buildLineChart(lines, { ...chartOptions, includeZero: true });
  }
  if (kind === 'share') {
    const totals = new Map<string, number>();
    for (const p of points)
      for (const [k, v] of Object.entries(p.shares ?? {}))
        totals.set(k, (totals.get(k) ?? 0) + v * p.count);
    const top = [...totals.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 5)
      .map(([k]) => k);
    return buildLineChart(
      top.map((category) => ({
        name: category,
        role: 'data' as const,
        points: points.map((p) => ({
          atMs: p.startMs,
          value: p.shares ? (p.shares[category] ?? 0) : undefined,
        })),
      })),
      { ...chartOptions, includeZero: true },
    );
  }
  return buildLineChart(
    [
      {
        name: 'requests',
        role: 'data',
        points: points.map((p) => ({ atMs: p.startMs, value: p.count })),
      },
    ],
    { ...chartOptions, includeZero: true },
  );
}

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}
