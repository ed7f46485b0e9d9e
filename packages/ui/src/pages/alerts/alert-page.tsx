import { API_ROUTES, searchParamsOf } from '@glassbox/core/api';
import type { Alert } from '@glassbox/core/detect';
import { useMemo, useState } from 'react';
import { api, type ApiRequestError } from '../../api/api-client.js';
import { useApi } from '../../api/use-api.js';
import { SeverityBadge } from '../../components/badges.js';
import { AlertStatusBadge } from '../../components/detection-badges.js';
import { DistributionSvg } from '../../components/distribution-svg.js';
import { LineChartSvg } from '../../components/line-chart-svg.js';
import { Stat } from '../../components/stat.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';
import { Link } from '../../router/link.js';
import { paths } from '../../router/match-route.js';
import { controlChartFromEvidence, STATISTIC_LABELS } from '../../view-model/control-chart.js';
import { compareDistributions } from '../../view-model/distribution.js';
import {
  describeParams,
  describeSegment,
  formatEvidenceValue,
  segmentParam,
} from '../../view-model/evidence-format.js';
import { formatDuration, formatTimestamp, shortId } from '../../view-model/format.js';
import { metricControlChart, metricKind } from '../../view-model/metric-series.js';
import { EvidenceTable } from './evidence-table.js';

/** One alert: what changed, the evidence, the detector's control chart and example traces. */
export function AlertPage(props: { alertId: string }) {
  const [version, setVersion] = useState(0);
  const state = useApi(`${props.alertId}#${version}`, (signal) =>
    api.getAlert(props.alertId, signal),
  );
  if (state.status === 'loading') return <Loading what="the alert" />;
  if (state.status === 'error') {
    return state.error.status === 404 ? (
      <EmptyState title="No such alert" testId="alert-missing">
        <p>
          Alert <code>{props.alertId}</code> does not exist in this project. See the{' '}
          <Link href={paths.alerts()}>alerts</Link>.
        </p>
      </EmptyState>
    ) : (
      <ErrorState error={state.error} what="the alert" />
    );
  }
  return <AlertDetail alert={state.data} onChanged={() => setVersion((v) => v + 1)} />;
}

function AlertDetail(props: { alert: Alert; onChanged: () => void }) {
  const { alert } = props;
  const { evidence } = alert;
  const labels = STATISTIC_LABELS[evidence.detector];
  const chart = useMemo(
    () => controlChartFromEvidence(evidence.detector, evidence.chart, alert.onsetMs),
    [alert],
  );
  const distribution = compareDistributions(evidence.baseline, evidence.current);
  const [ackError, setAckError] = useState<ApiRequestError>();
  const acknowledge = () =>
    api.ackAlert(alert.id).then(props.onChanged, (e: ApiRequestError) => setAckError(e));
  const endMs = alert.resolvedAtMs ?? alert.lastSeenMs;
  return (
    <div className="alert-page" data-testid="alert-page">
      <div>
        <div className="crumbs">
          <Link href={paths.alerts()}>Alerts</Link> / {shortId(alert.id, 12)}
        </div>
        <div className="page-head">
          <h1>
            <SeverityBadge severity={alert.severity} />
            {alert.title}
            <AlertStatusBadge status={alert.status} />
          </h1>
          {alert.status === 'open' ? (
            <button type="button" onClick={acknowledge}>
              Acknowledge
            </button>
          ) : null}
        </div>
        <p className="lead" data-testid="alert-message">
          {alert.message}
        </p>
        {ackError ? <ErrorState error={ackError} what="the acknowledgement" /> : null}
      </div>
      <dl className="stats">
        <Stat label="Monitor">
          <Link href={`${paths.monitors()}#monitor-${alert.monitorId}`}>{alert.monitorId}</Link>
        </Stat>
        <Stat label="Metric">
          <Link
            href={paths.metrics(
              `?${new URLSearchParams({
                metric: alert.metric,
                ...(alert.segment ? { segment: segmentParam(alert.segment) } : {}),
              }).toString()}`,
            )}
          >
            {alert.metric}
          </Link>
        </Stat>
        <Stat label="Segment">{describeSegment(alert.segment)}</Stat>
        <Stat label="Detector">
          {evidence.detector} <span className="muted">({describeParams(evidence.params)})</span>
        </Stat>
        <Stat label="Onset">{formatTimestamp(alert.onsetMs)}</Stat>
        <Stat label="Opened">{formatTimestamp(alert.openedAtMs)}</Stat>
        <Stat label={alert.resolvedAtMs ? 'Resolved' : 'Last alarm'}>
          {formatTimestamp(endMs)}{' '}
          <span className="muted">({formatDuration(endMs - alert.onsetMs)} after onset)</span>
        </Stat>
        <Stat label="Alarms">{alert.count}</Stat>
        {alert.incidentId ? (
          <Stat label="Incident">
            <Link href={paths.incident(alert.incidentId)}>{shortId(alert.incidentId, 12)}</Link>
          </Stat>
        ) : null}
      </dl>
      <div className="evidence-grid">
        <section className="panel chart-panel" aria-label="Control chart">
          <h2>Control chart</h2>
          <p className="muted chart-caption">
            {labels.statistic} against the {labels.threshold} (
            {formatEvidenceValue('threshold', evidence.threshold)}); red points are out of control.
          </p>
          {evidence.chart.length ? (
            <LineChartSvg
              chart={chart}
              label={`${labels.statistic} against the ${labels.threshold}`}
              testId="control-chart"
              formatY={(v) => formatEvidenceValue('statistic', v)}
            />
          ) : (
            <p className="muted">The detector recorded no chart points for this alert.</p>
          )}
        </section>
        <section className="panel evidence-panel" aria-label="Evidence">
          <h2>Evidence</h2>
          <EvidenceTable
            evidence={evidence}
            statisticLabel={labels.statistic}
            thresholdLabel={labels.threshold}
            shareKeys={
              new Set(distribution?.map((r) => r.category).filter((c) => !c.startsWith('all ')))
            }
          />
        </section>
      </div>
      {distribution ? (
        <section className="panel chart-panel" aria-label="Baseline and current distribution">
          <h2>Distribution: baseline vs current</h2>
          <DistributionSvg
            rows={distribution}
            label={`${alert.metric}: baseline against current shares`}
          />
        </section>
      ) : null}
      <MetricAround alert={alert} />
      <section className="panel examples" aria-label="Example traces">
        <h2>Example traces</h2>
        {evidence.exampleTraceIds.length ? (
          <ul data-testid="example-traces">
            {evidence.exampleTraceIds.map((id) => (
              <li key={id}>
                <Link href={paths.trace(id)} className="mono">
                  {id}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No example traces were kept for this alert.</p>
        )}
      </section>
    </div>
  );
}

/** The alert's metric in its segment around the onset, so the shift is visible in raw units. */
function MetricAround(props: { alert: Alert }) {
  const { alert } = props;
  const endMs = alert.resolvedAtMs ?? alert.lastSeenMs;
  const [now] = useState(() => Date.now());
  const pad = Math.max(10 * 60_000, (endMs - alert.onsetMs) * 2);
  const query = searchParamsOf(API_ROUTES.getMetrics, {
    metric: alert.metric,
    from: Math.floor(alert.onsetMs - pad),
    to: Math.ceil(Math.min(endMs + pad / 2, Math.max(endMs + 60_000, now))),
    ...(alert.segment ? { segment: segmentParam(alert.segment) } : {}),
  });
  const state = useApi(query.toString(), (signal) => api.metrics(query, signal));
  const statistic = alert.evidence.params.statistic;
  const kind = metricKind(alert.metric);
  // A rate detector's p0 comes from its whole baseline; the window before the onset may hold
  // too few requests to estimate it, so centre the chart on the rate the evidence names.
  const p0 =
    alert.evidence.detector === 'bernoulli_cusum' ? alert.evidence.baseline.rate : undefined;
  const baselineRate = typeof p0 === 'number' ? p0 : undefined;
  const chart = useMemo(
    () =>
      state.status === 'ok'
        ? metricControlChart(state.data, {
            ...(statistic === 'p50' || statistic === 'p95' ? { statistic } : {}),
            markers: [{ atMs: alert.onsetMs, label: 'onset' }],
            baselineUntilMs: alert.onsetMs,
            ...(baselineRate !== undefined ? { baselineRate } : {}),
          })
        : undefined,
    [state],
  );
  if (kind === 'text') return null;
  return (
    <section className="panel chart-panel" aria-label="Metric around the alert">
      <h2>{alert.metric} around the alert</h2>
      <p className="muted chart-caption">
        Per bucket, in {describeSegment(alert.segment)}; centre and 3σ limits{' '}
        {baselineRate !== undefined
          ? `from the detector's baseline (${formatEvidenceValue('rate', baselineRate)})`
          : 'from before the onset'}
        .
      </p>
      {state.status === 'loading' ? (
        <p className="muted">Loading…</p>
      ) : state.status === 'error' ? (
        <ErrorState error={state.error} what="the metric" />
      ) : chart ? (
        <LineChartSvg
          chart={chart}
          label={`${alert.metric} per ${formatDuration(state.data.bucketMs)} around the alert`}
          testId="metric-around"
          formatY={(v) =>
            formatEvidenceValue(kind === 'rate' || kind === 'share' ? 'rate' : 'value', v)
          }
        />
      ) : null}
    </section>
  );
}
