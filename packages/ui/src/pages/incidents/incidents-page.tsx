import { API_ROUTES, searchParamsOf } from '@glassbox/core/api';
import { INCIDENT_STATUSES } from '@glassbox/core/detect';
import { api } from '../../api/api-client.js';
import { useApi } from '../../api/use-api.js';
import { SeverityBadge } from '../../components/badges.js';
import { AlertStatusBadge } from '../../components/detection-badges.js';
import { ErrorState, Loading } from '../../components/states.js';
import { Link } from '../../router/link.js';
import { paths } from '../../router/match-route.js';
import { navigate } from '../../router/use-location.js';
import { formatAge, formatDuration, formatTimestamp } from '../../view-model/format.js';
import { DetectionEmpty } from '../detection-empty.js';

/** Incidents (alerts grouped in event time), newest first, filtered by status. */
export function IncidentsPage(props: { search: string }) {
  const raw = new URLSearchParams(props.search).get('status') ?? '';
  const status = (INCIDENT_STATUSES as readonly string[]).includes(raw) ? raw : '';
  const query = searchParamsOf(API_ROUTES.listIncidents, { limit: 200, status });
  const state = useApi(query.toString(), (signal) => api.listIncidents(query, signal));
  const now = Date.now();
  return (
    <div className="incidents-page">
      <div className="page-head">
        <h1>Incidents</h1>
        <label className="field">
          <span>Status</span>
          <select
            name="status"
            value={status}
            onChange={(e) =>
              navigate(paths.incidents(e.target.value ? `?status=${e.target.value}` : ''))
            }
          >
            <option value="">Any</option>
            {INCIDENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </div>
      {state.status === 'loading' ? (
        <Loading what="incidents" />
      ) : state.status === 'error' ? (
        <ErrorState error={state.error} what="incidents" />
      ) : state.data.items.length === 0 ? (
        <DetectionEmpty
          title={status ? `No ${status} incidents` : 'No incidents'}
          testId="incidents-empty"
        >
          <p>
            An incident opens when a monitor raises an alert; alerts close together in time join the
            same incident, with the version changes around them.
          </p>
        </DetectionEmpty>
      ) : (
        <table className="totals list-table" data-testid="incidents-table">
          <thead>
            <tr>
              <th>Severity</th>
              <th>Incident</th>
              <th>First anomaly</th>
              <th>Duration</th>
              <th className="num">Alerts</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {state.data.items.map((i) => (
              <tr key={i.id} data-incident-id={i.id}>
                <td>
                  <SeverityBadge severity={i.severity} />
                </td>
                <td>
                  <Link href={paths.incident(i.id)} className="row-title">
                    {i.title}
                  </Link>
                </td>
                <td>
                  {formatTimestamp(i.openedAtMs)}
                  <div className="muted">{formatAge(i.openedAtMs, now)}</div>
                </td>
                <td>{formatDuration((i.resolvedAtMs ?? i.updatedAtMs) - i.openedAtMs)}</td>
                <td className="num">{i.alertIds.length}</td>
                <td>
                  <AlertStatusBadge status={i.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
