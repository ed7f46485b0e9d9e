import { METRIC_NAMES } from '@glassbox/core/detect';
import { useMemo, useState, type FormEvent } from 'react';
import { api } from '../../api/api-client.js';
import { useApi } from '../../api/use-api.js';
import { LineChartSvg } from '../../components/line-chart-svg.js';
import { ErrorState, Loading } from '../../components/states.js';
import { paths } from '../../router/match-route.js';
import { navigate } from '../../router/use-location.js';
import { formatEvidenceValue } from '../../view-model/evidence-format.js';
import { formatDuration } from '../../view-model/format.js';
import { metricControlChart, metricKind } from '../../view-model/metric-series.js';
import {
  METRIC_BUCKETS,
  METRIC_RANGES,
  metricsApiQuery,
  metricsQueryToSearch,
  parseMetricsQuery,
  type MetricsQuery,
} from '../../view-model/metrics-query.js';

/** Pick a metric, segment, range and bucket; see the series as a chart with control limits. */
export function MetricsPage(props: { search: string }) {
  const query = parseMetricsQuery(props.search);
  const [draft, setDraft] = useState({ metric: query.metric, segment: query.segment });
  const [now] = useState(() => Date.now());
  const apiQuery = metricsApiQuery(query, now);
  const state = useApi(apiQuery.toString(), (signal) => api.metrics(apiQuery, signal));
  const kind = metricKind(query.metric);
  const chart = useMemo(
    () =>
      state.status === 'ok'
        ? metricControlChart(state.data, { statistic: query.statistic })
        : undefined,
    [state, query.statistic],
  );
  const go = (next: Partial<MetricsQuery>) =>
    navigate(paths.metrics(metricsQueryToSearch({ ...query, ...next })));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    go({ metric: draft.metric.trim() || 'error_rate', segment: draft.segment.trim() });
  };
  const requests = state.status === 'ok' ? state.data.points.reduce((n, p) => n + p.count, 0) : 0;
  return (
    <div className="metrics-page">
      <div className="page-head">
        <h1>Metrics</h1>
      </div>
      <form className="filters metrics-form" onSubmit={submit}>
        <div className="filters-row">
          <label className="field">
            <span>Metric</span>
            <input
              name="metric"
              list="metric-names"
              value={draft.metric}
              onChange={(e) => setDraft({ ...draft, metric: e.target.value })}
            />
            <datalist id="metric-names">
              {METRIC_NAMES.map((m) => (
                <option key={m} value={m} />
              ))}
            </datalist>
          </label>
          <label className="field">
            <span>Segment</span>
            <input
              name="segment"
              placeholder="route=refund,model=gpt-4o"
              value={draft.segment}
              onChange={(e) => setDraft({ ...draft, segment: e.target.value })}
            />
          </label>
          <button type="submit" className="primary">
            Show
          </button>
          <label className="field">
            <span>Range</span>
            <select
              name="range"
              value={query.range}
              onChange={(e) => go({ range: e.target.value })}
            >
              {Object.keys(METRIC_RANGES).map((r) => (
                <option key={r} value={r}>
                  last {r}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Bucket</span>
            <select
              name="bucket"
              value={query.bucket}
              onChange={(e) => go({ bucket: e.target.value })}
            >
              {METRIC_BUCKETS.map((b) => (
                <option key={b} value={b}>
                  {b || 'auto'}
                </option>
              ))}
            </select>
          </label>
          {kind === 'value' || kind === 'session' ? (
            <label className="field">
              <span>Statistic</span>
              <select
                name="statistic"
                value={query.statistic}
                onChange={(e) => go({ statistic: e.target.value as MetricsQuery['statistic'] })}
              >
                {['mean', 'p50', 'p95'].map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </div>
      </form>
      {state.status === 'loading' ? (
        <Loading what="the metric" />
      ) : state.status === 'error' ? (
        <ErrorState
          error={state.error}
          what="the metric"
          hint={
            state.error.status === 400
              ? 'Metrics are error_rate, latency_ms, tool_share, … (see the list), error_rate:<class>, finding_rate:<category> or score:<name>; segments are key=value pairs separated by commas.'
              : undefined
          }
        />
      ) : chart ? (
        <section className="panel chart-panel" aria-label="Metric chart">
          <h2>
            {query.metric}{' '}
            <span className="muted">
              {query.segment || 'all traffic'} · per {formatDuration(state.data.bucketMs)} ·{' '}
              {requests.toLocaleString('en-US')} requests
              {state.data.truncated ? ' (truncated)' : ''}
            </span>
          </h2>
          {requests === 0 ? (
            <p className="muted" data-testid="metric-empty">
              No requests match in this range. Widen the range or clear the segment.
            </p>
          ) : (
            <LineChartSvg
              chart={chart}
              label={`${query.metric} over time`}
              testId="metric-chart"
              height={300}
              formatY={(v) =>
                formatEvidenceValue(kind === 'rate' || kind === 'share' ? 'rate' : 'value', v)
              }
            />
          )}
        </section>
      ) : null}
    </div>
  );
}
