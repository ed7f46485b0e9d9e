import { ALERT_STATUSES } from '@glassbox/core/detect';
import { useMemo } from 'react';
import { api } from '../../api/api-client.js';
import { useApi } from '../../api/use-api.js';
import { SeverityBadge } from '../../components/badges.js';
import { AlertStatusBadge } from '../../components/detection-badges.js';
import { ErrorState, Loading } from '../../components/states.js';
import { Link } from '../../router/link.js';
import { paths } from '../../router/match-route.js';
import { navigate } from '../../router/use-location.js';
import {
  ALERT_SEVERITIES,
  alertFiltersToSearch,
  alertQuery,
  filterAlerts,
  parseAlertFilters,
  type AlertFilters,
} from '../../view-model/alert-filters.js';
import { describeSegment } from '../../view-model/evidence-format.js';
import { formatAge, formatTimestamp } from '../../view-model/format.js';
import { DetectionEmpty } from '../detection-empty.js';

/** Open and resolved alerts, filtered by status and severity in the URL. */
export function AlertsPage(props: { search: string }) {
  const filters = parseAlertFilters(props.search);
  const query = alertQuery(filters);
  const state = useApi(query.toString(), (signal) => api.listAlerts(query, signal));
  const alerts = useMemo(
    () => (state.status === 'ok' ? filterAlerts(state.data.items, filters) : []),
    [state, filters.severity],
  );
  const set = (next: AlertFilters) => navigate(paths.alerts(alertFiltersToSearch(next)));
  const filtered = Boolean(filters.status || filters.severity);
  const now = Date.now();
  return (
    <div className="alerts-page">
      <div className="page-head">
        <h1>Alerts</h1>
        <div className="filters-row">
          <label className="field">
            <span>Status</span>
            <select
              name="status"
              value={filters.status ?? ''}
              onChange={(e) => {
                const { status: _old, ...rest } = filters;
                set(e.target.value ? { ...rest, status: e.target.value as never } : rest);
              }}
            >
              <option value="">Any</option>
              {ALERT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Severity</span>
            <select
              name="severity"
              value={filters.severity ?? ''}
              onChange={(e) => {
                const { severity: _old, ...rest } = filters;
                set(e.target.value ? { ...rest, severity: e.target.value } : rest);
              }}
            >
              <option value="">Any</option>
              {ALERT_SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {state.status === 'loading' ? (
        <Loading what="alerts" />
      ) : state.status === 'error' ? (
        <ErrorState error={state.error} what="alerts" />
      ) : alerts.length === 0 ? (
        filtered ? (
          <DetectionEmpty title="No alerts match these filters" testId="alerts-empty">
            <p>
              <Link href={paths.alerts()}>Show all alerts</Link>
            </p>
          </DetectionEmpty>
        ) : (
          <DetectionEmpty title="No alerts" testId="alerts-empty">
            <p>
              No monitor has left its control limits. See what is watched on the{' '}
              <Link href={paths.monitors()}>monitors</Link> page.
            </p>
          </DetectionEmpty>
        )
      ) : (
        <table className="totals list-table" data-testid="alerts-table">
          <thead>
            <tr>
              <th>Severity</th>
              <th>Alert</th>
              <th>Metric</th>
              <th>Segment</th>
              <th>Opened</th>
              <th className="num">Alarms</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {alerts.map((a) => (
              <tr key={a.id} data-alert-id={a.id} className={`row-${a.status}`}>
                <td>
                  <SeverityBadge severity={a.severity} />
                </td>
                <td>
                  <Link href={paths.alert(a.id)} className="row-title">
                    {a.title}
                  </Link>
                  <div className="muted clamp">{a.message}</div>
                </td>
                <td className="mono">{a.metric}</td>
                <td className="muted">{describeSegment(a.segment)}</td>
                <td title={formatTimestamp(a.openedAtMs)}>
                  {formatTimestamp(a.openedAtMs)}
                  <div className="muted">{formatAge(a.openedAtMs, now)}</div>
                </td>
                <td className="num">{a.count}</td>
                <td>
                  <AlertStatusBadge status={a.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
