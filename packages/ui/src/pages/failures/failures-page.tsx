import { API_ROUTES, searchParamsOf } from '@glassbox/core/api';
import { FAILURE_CATEGORIES } from '@glassbox/core/classify';
import { useEffect, useMemo } from 'react';
import { api } from '../../api/api-client.js';
import { useApi } from '../../api/use-api.js';
import { CategoryBadge } from '../../components/badges.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';
import { Link } from '../../router/link.js';
import { paths } from '../../router/match-route.js';
import { navigate } from '../../router/use-location.js';
import { buildFailureChart } from '../../view-model/failure-chart.js';
import {
  dataWindow,
  parseFailureRange,
  windowToSearch,
  type FailureWindow,
  bucketFor,
} from '../../view-model/failure-window.js';
import { formatTimestamp } from '../../view-model/format.js';
import { filtersToSearch, TIME_RANGES, type TimeRange } from '../../view-model/trace-filters.js';
import { FailureChartSvg } from './failure-chart-svg.js';

const RANGES: { range: TimeRange; bucketMs: number; label: string }[] = [
  { range: '1h', bucketMs: 60_000 * 5, label: 'Last hour' },
  { range: '24h', bucketMs: 3_600_000, label: 'Last 24 hours' },
  { range: '7d', bucketMs: 6 * 3_600_000, label: 'Last 7 days' },
  { range: '30d', bucketMs: 86_400_000, label: 'Last 30 days' },
];

/**
 * Failure counts per category over time, each category linking to its traces. The URL holds
 * the range: a preset (`?range=7d`) or an absolute window (`?from=…&to=…`); without one the
 * page opens on the window that has data (up to 30 days), and writes it into the URL.
 */
export function FailuresPage(props: { search: string }) {
  const param = useMemo(() => parseFailureRange(props.search), [props.search]);
  const extent = useApi(`extent:${param.kind}`, (signal) =>
    param.kind === 'none' ? api.traceExtent(signal) : Promise.resolve(undefined),
  );
  const fallback = RANGES[1]!;
  const opened =
    param.kind === 'none' && extent.status === 'ok' && extent.data
      ? dataWindow(extent.data)
      : undefined;
  const openedSearch = opened ? windowToSearch(opened) : undefined;
  useEffect(() => {
    // The URL holds the range: a shared or reloaded link shows the same frame.
    if (openedSearch) navigate(paths.failures(openedSearch), { replace: true });
  }, [openedSearch]);
  const preset =
    param.kind === 'preset' ? (RANGES.find((r) => r.range === param.range) ?? fallback) : undefined;
  const frame: FailureWindow | undefined =
    param.kind === 'window'
      ? { from: param.from, to: param.to, bucketMs: bucketFor(param.to - param.from) }
      : undefined;
  const waiting = param.kind === 'none' && (extent.status === 'loading' || opened !== undefined);
  const choice = preset ?? (frame ? undefined : fallback);
  const key = waiting ? 'waiting' : frame ? `${frame.from}-${frame.to}` : choice!.range;
  const state = useApi(key, (signal) => {
    if (waiting) return new Promise<never>(() => {});
    const now = Date.now();
    const from = frame ? frame.from : now - TIME_RANGES[choice!.range];
    const query = searchParamsOf(API_ROUTES.getFailureSummary, {
      from,
      to: frame ? frame.to : now,
      bucket: frame ? frame.bucketMs : choice!.bucketMs,
    });
    return api.failureSummary(query, signal);
  });
  const chart = useMemo(
    () => (state.status === 'ok' ? buildFailureChart(state.data) : undefined),
    [state],
  );
  const tracesOf = (category: string) =>
    paths.traces(
      filtersToSearch(
        frame
          ? {
              category,
              from: new Date(frame.from).toISOString(),
              to: new Date(frame.to).toISOString(),
              tag: [],
              version: [],
            }
          : { category, range: choice!.range, tag: [], version: [] },
      ),
    );
  const periodLabel = frame
    ? `${formatTimestamp(frame.from)} to ${formatTimestamp(frame.to)}`
    : choice!.label.toLowerCase();

  return (
    <div className="failures-page">
      <div className="page-head">
        <h1>Failures</h1>
        <label className="field">
          <span>Time</span>
          <select
            name="range"
            value={frame ? 'frame' : choice!.range}
            aria-label="Time range"
            onChange={(e) =>
              navigate(paths.failures(e.target.value === 'frame' ? '' : `?range=${e.target.value}`))
            }
          >
            <option value="frame">
              {frame
                ? `${formatTimestamp(frame.from)} – ${formatTimestamp(frame.to)}`
                : 'Where the data is'}
            </option>
            {RANGES.map((r) => (
              <option key={r.range} value={r.range}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {frame ? (
        <p className="muted" data-testid="failures-window">
          From {formatTimestamp(frame.from)} to {formatTimestamp(frame.to)}
        </p>
      ) : null}
      {state.status === 'loading' ? (
        <Loading what="failure counts" />
      ) : state.status === 'error' ? (
        state.error.status === 404 ? (
          <EmptyState
            title="Failure summaries are not available on this server"
            testId="failures-unavailable"
          >
            <p>
              This Glassbox server does not offer <code>/api/failures/summary</code> yet. Upgrade
              the server to see failure counts per category; meanwhile, find failing traces with the{' '}
              <Link
                href={paths.traces(filtersToSearch({ outcome: 'error', tag: [], version: [] }))}
              >
                status = error
              </Link>{' '}
              filter.
            </p>
          </EmptyState>
        ) : (
          <ErrorState error={state.error} what="failure counts" />
        )
      ) : chart && chart.categories.length === 0 ? (
        <EmptyState title="No failures in this period" testId="failures-empty">
          <p>
            Glassbox classified no failures in {frame ? 'the period' : 'the'} {periodLabel}. Try a
            longer range.
          </p>
        </EmptyState>
      ) : chart && state.status === 'ok' ? (
        <>
          <section className="panel chart-panel" aria-label="Failures over time">
            <FailureChartSvg
              chart={chart}
              bucketMs={state.data.bucketMs}
              onOpen={(c) => navigate(tracesOf(c))}
            />
          </section>
          <div className="table-card">
            <table className="totals failure-totals" data-testid="failure-totals">
              <thead>
                <tr>
                  <th>Category</th>
                  <th className="col-optional">Layer</th>
                  <th className="num">Count</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {chart.categories.map((category, i) => (
                  <tr key={category}>
                    <td>
                      <span className={`swatch series-${i % 10}`} aria-hidden="true" />{' '}
                      <CategoryBadge category={category} />
                    </td>
                    <td className="muted col-optional">
                      {(FAILURE_CATEGORIES as Record<string, { layer: string } | undefined>)[
                        category
                      ]?.layer ?? '—'}
                    </td>
                    <td className="num">{state.data.totals[category]}</td>
                    <td>
                      <Link href={tracesOf(category)}>View traces →</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </div>
  );
}
