import { API_ROUTES, searchParamsOf } from '@glassbox/core/api';
import type { Alert } from '@glassbox/core/detect';
import { useMemo, useState } from 'react';
import { api, type ApiRequestError } from '../../api/api-client.js';
import type { MonitorView } from '@glassbox/core/api';
import { useApi } from '../../api/use-api.js';
import { SeverityBadge } from '../../components/badges.js';
import { MonitorStateBadge } from '../../components/detection-badges.js';
import { LineChartSvg } from '../../components/line-chart-svg.js';
import { Link } from '../../router/link.js';
import { paths } from '../../router/match-route.js';
import {
  describeParams,
  describeSegment,
  formatEvidenceValue,
  segmentParam,
} from '../../view-model/evidence-format.js';
import { metricControlChart, metricKind } from '../../view-model/metric-series.js';
import {
  learningLabel,
  monitorDefinitionOf,
  monitorState,
} from '../../view-model/monitor-state.js';

/** One monitor: what it watches and how, its state, and a small control chart of its metric. */
export function MonitorCard(props: {
  monitor: MonitorView;
  alerts: readonly Alert[];
  from: number;
  to: number;
  onChanged: () => void;
}) {
  const { monitor } = props;
  const mine = props.alerts.filter((a) => a.monitorId === monitor.id);
  const state = monitorState(
    monitor,
    mine.filter((a) => a.status !== 'resolved'),
  );
  const latest = mine[0];
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiRequestError>();
  const toggle = () => {
    setBusy(true);
    api.putMonitor({ ...monitorDefinitionOf(monitor), enabled: !monitor.enabled }).then(
      () => {
        setBusy(false);
        props.onChanged();
      },
      (e: ApiRequestError) => {
        setBusy(false);
        setError(e);
      },
    );
  };
  const explore = new URLSearchParams({ metric: monitor.metric });
  if (monitor.segment) explore.set('segment', segmentParam(monitor.segment));
  if (typeof monitor.params.statistic === 'string')
    explore.set('statistic', monitor.params.statistic);
  return (
    <article
      className={`panel monitor-card state-${state.state}`}
      id={`monitor-${monitor.id}`}
      data-monitor-id={monitor.id}
      aria-label={monitor.name}
    >
      <header className="monitor-head">
        <h2 title={monitor.id}>{monitor.name}</h2>
        <MonitorStateBadge state={state} />
      </header>
      <dl className="monitor-meta">
        <div>
          <dt>Metric</dt>
          <dd className="mono">{monitor.metric}</dd>
        </div>
        <div>
          <dt>Segment</dt>
          <dd>{describeSegment(monitor.segment)}</dd>
        </div>
        <div>
          <dt>Detector</dt>
          <dd>
            {monitor.detector} <span className="muted">{describeParams(monitor.params)}</span>
          </dd>
        </div>
        <div>
          <dt>Severity</dt>
          <dd>
            <SeverityBadge severity={monitor.severity} />{' '}
            <span className="muted">from {monitor.origin}</span>
          </dd>
        </div>
      </dl>
      <p className="muted monitor-detail" data-testid="monitor-detail">
        {state.detail}
      </p>
      <MonitorChart monitor={monitor} alerts={mine} from={props.from} to={props.to} />
      <footer className="monitor-foot">
        {latest ? (
          <Link href={paths.alert(latest.id)}>
            {latest.status === 'resolved' ? 'Last alert' : 'Open alert'} →
          </Link>
        ) : null}
        <Link href={paths.metrics(`?${explore.toString()}`)}>Explore metric</Link>
        <button
          type="button"
          className="ghost small"
          disabled={busy}
          onClick={toggle}
          title={
            monitor.enabled
              ? 'Stop evaluating this monitor'
              : 'Evaluate again; the baseline is learned afresh'
          }
        >
          {monitor.enabled ? 'Disable' : 'Enable'}
        </button>
      </footer>
      {error ? (
        <p className="error-line" role="alert">
          {error.message}
        </p>
      ) : null}
    </article>
  );
}

function MonitorChart(props: {
  monitor: MonitorView;
  alerts: readonly Alert[];
  from: number;
  to: number;
}) {
  const { monitor } = props;
  const query = searchParamsOf(API_ROUTES.getMetrics, {
    metric: monitor.metric,
    from: props.from,
    to: props.to,
    ...(monitor.segment ? { segment: segmentParam(monitor.segment) } : {}),
  });
  const state = useApi(query.toString(), (signal) => api.metrics(query, signal));
  const statistic = monitor.params.statistic;
  const kind = metricKind(monitor.metric);
  const onsets = props.alerts
    .map((a) => a.onsetMs)
    .filter((ms) => ms >= props.from && ms <= props.to);
  const chart = useMemo(
    () =>
      state.status === 'ok'
        ? metricControlChart(state.data, {
            ...(onsets.length ? { baselineUntilMs: Math.min(...onsets) } : {}),
            ...(statistic === 'mean' || statistic === 'p50' || statistic === 'p95'
              ? { statistic }
              : {}),
            markers: props.alerts
              .filter((a) => a.onsetMs >= props.from && a.onsetMs <= props.to)
              .map((a) => ({ atMs: a.onsetMs, label: 'alert' })),
          })
        : undefined,
    [state, props.alerts],
  );
  if (state.status === 'loading') return <div className="monitor-chart muted">Loading…</div>;
  if (state.status === 'error')
    return <div className="monitor-chart muted">Chart unavailable: {state.error.message}</div>;
  const empty = !chart?.lines.some(
    (l) => l.role === 'data' && l.points.some((p) => p.value !== undefined),
  );
  if (empty || !chart)
    return (
      <div className="monitor-chart muted empty">No values of {monitor.metric} in this range.</div>
    );
  const arming = monitor.progress.arming;
  return (
    <div className="monitor-chart">
      {arming.armed ? null : (
        <p className="muted chart-learning" data-testid="chart-learning">
          {learningLabel(arming)}: not judged yet; the limits drawn are this window&apos;s own.
        </p>
      )}
      <LineChartSvg
        chart={chart}
        compact
        label={`${monitor.metric} (${describeSegment(monitor.segment)}) per ${Math.round(state.data.bucketMs / 1000)} s`}
        testId="monitor-chart"
        formatY={(v) =>
          formatEvidenceValue(kind === 'rate' || kind === 'share' ? 'rate' : 'value', v)
        }
      />
    </div>
  );
}
