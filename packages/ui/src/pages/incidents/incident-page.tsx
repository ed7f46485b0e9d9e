import { useMemo, useState } from 'react';
import { api } from '../../api/api-client.js';
import type { IncidentDetail } from '@glassbox/core/api';
import { useApi } from '../../api/use-api.js';
import { SeverityBadge } from '../../components/badges.js';
import { AlertStatusBadge } from '../../components/detection-badges.js';
import { Stat } from '../../components/stat.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';
import { Link } from '../../router/link.js';
import { paths } from '../../router/match-route.js';
import { describeSegment } from '../../view-model/evidence-format.js';
import { elideId, formatDuration, formatTimestamp, shortId } from '../../view-model/format.js';
import { incidentTimeline } from '../../view-model/incident-timeline.js';
import { PostmortemPanel } from './postmortem-panel.js';
import { workspaceApi } from './workspace-api.js';
import { WorkspaceActions } from './workspace-actions.js';
import { WorkspacePanel } from './workspace-panel.js';
import { WorkspaceTimeline } from './workspace-timeline.js';
import './workspace.css';

/** One incident: its alerts and what happened, in order, as a vertical timeline. */
export function IncidentPage(props: { incidentId: string }) {
  const state = useApi(props.incidentId, (signal) => api.getIncident(props.incidentId, signal));
  if (state.status === 'loading') return <Loading what="the incident" />;
  if (state.status === 'error') {
    return state.error.status === 404 ? (
      <EmptyState title="No such incident" testId="incident-missing">
        <p>
          Incident <code>{props.incidentId}</code> does not exist in this project. See the{' '}
          <Link href={paths.incidents()}>incidents</Link>.
        </p>
      </EmptyState>
    ) : (
      <ErrorState error={state.error} what="the incident" />
    );
  }
  return <IncidentDetailView incident={state.data} />;
}

function IncidentDetailView(props: { incident: IncidentDetail }) {
  const { incident } = props;
  const rows = useMemo(() => incidentTimeline(incident, incident.alerts), [incident]);
  const end = incident.resolvedAtMs ?? incident.updatedAtMs;
  // Bumped after every workspace action so the workspace, timeline and versions re-read.
  const [refreshKey, setRefreshKey] = useState(0);
  const refresh = () => setRefreshKey((k) => k + 1);
  const workspace = useApi(`workspace:${incident.id}:${refreshKey}`, (signal) =>
    workspaceApi.get(incident.id, signal),
  );
  const timeline = useApi(`timeline:${incident.id}:${refreshKey}`, (signal) =>
    workspaceApi.timeline(incident.id, signal),
  );
  const draft = useApi(`postmortem:${incident.id}`, (signal) =>
    api.getPostmortem(incident.id, signal),
  );
  return (
    <div className="incident-page" data-testid="incident-page">
      <div>
        <div className="crumbs">
          <Link href={paths.incidents()}>Incidents</Link> / {shortId(incident.id, 12)}
        </div>
        <h1>
          <SeverityBadge severity={incident.severity} />
          {incident.title}
          <AlertStatusBadge status={incident.status} />
        </h1>
      </div>
      <dl className="stats">
        <Stat label="First anomaly">{formatTimestamp(incident.openedAtMs)}</Stat>
        <Stat label={incident.resolvedAtMs ? 'Resolved' : 'Last activity'}>
          {formatTimestamp(end)}
        </Stat>
        <Stat label="Duration">{formatDuration(end - incident.openedAtMs)}</Stat>
        <Stat label="Alerts">{incident.alertIds.length}</Stat>
      </dl>
      <SuspectedCause incident={incident} />
      {workspace.status === 'ok' ? (
        <WorkspacePanel incidentId={incident.id} view={workspace.data} onChanged={refresh} />
      ) : workspace.status === 'error' ? (
        <ErrorState error={workspace.error} what="the workspace" />
      ) : (
        <Loading what="the workspace" />
      )}
      <div className="incident-split">
        <section className="panel timeline-panel" aria-label="Timeline">
          <h2>Timeline</h2>
          <ol className="timeline" data-testid="incident-timeline">
            {rows.map((row, i) => (
              <li
                key={`${row.type}-${row.atMs}-${i}`}
                className={`tl tl-${row.type}`}
                data-type={row.type}
              >
                <span className="tl-dot" aria-hidden="true" />
                <div className="tl-time">
                  <time dateTime={new Date(row.atMs).toISOString()}>
                    {formatTimestamp(row.atMs)}
                  </time>
                  <span className="muted">{row.offset}</span>
                </div>
                <div className="tl-body">
                  <div className="tl-heading">{row.heading}</div>
                  <div>
                    {row.alert ? (
                      <Link href={paths.alert(row.alert.id)}>{row.message}</Link>
                    ) : (
                      row.message
                    )}
                  </div>
                  {row.traceIds.length ? (
                    <div className="tl-traces">
                      <span className="muted">Example traces:</span>
                      {row.traceIds.map((id) => (
                        <Link key={id} href={paths.trace(id)} className="mono">
                          {elideId(id)}
                        </Link>
                      ))}
                    </div>
                  ) : null}
                </div>
              </li>
            ))}
          </ol>
        </section>
        <section className="panel incident-alerts" aria-label="Alerts">
          <h2>Alerts</h2>
          <ul>
            {incident.alerts.map((a) => (
              <li key={a.id} data-alert-id={a.id}>
                <div>
                  <SeverityBadge severity={a.severity} />{' '}
                  <Link href={paths.alert(a.id)}>{a.title}</Link>{' '}
                  <AlertStatusBadge status={a.status} />
                  {a.change ? <span className="badge">change</span> : null}
                </div>
                <div className="muted">
                  {a.metric} · {describeSegment(a.segment)} · onset {formatTimestamp(a.onsetMs)}
                </div>
              </li>
            ))}
          </ul>
        </section>
      </div>
      <div className="incident-split">
        {timeline.status === 'ok' ? (
          <WorkspaceTimeline items={timeline.data.items} />
        ) : timeline.status === 'error' ? (
          <ErrorState error={timeline.error} what="the timeline" />
        ) : (
          <Loading what="the timeline" />
        )}
        <WorkspaceActions
          incidentId={incident.id}
          draft={draft.status === 'ok' ? draft.data : undefined}
          onChanged={refresh}
        />
      </div>
      <PostmortemPanel
        incidentId={incident.id}
        state={draft}
        refreshKey={refreshKey}
        onChanged={refresh}
      />
    </div>
  );
}

/** The change the symptoms most likely follow from, which segments moved, and any hold asked. */
function SuspectedCause({ incident }: { incident: IncidentDetail }) {
  const cause = incident.suspectedCause;
  const moved = incident.alerts.filter((a) => !a.change && a.segment);
  if (!cause && moved.length === 0) return null;
  return (
    <section className="panel" aria-label="Suspected cause" data-testid="suspected-cause">
      {cause ? (
        <p>
          <strong>Suspected cause:</strong>{' '}
          <Link href={paths.alert(cause.alertId)}>{cause.message}</Link>
        </p>
      ) : null}
      {moved.length ? (
        <p>
          <strong>Segments that moved:</strong>{' '}
          {[...new Set(moved.map((a) => describeSegment(a.segment)))].join('; ')}
        </p>
      ) : null}
      {incident.hold ? (
        <p>
          <strong>Hold requested</strong> by monitor {incident.hold.monitorId}:{' '}
          {incident.hold.change
            ? `hold ${incident.hold.change.value ?? incident.hold.change.metric} pending review`
            : 'no change identified yet'}
        </p>
      ) : null}
    </section>
  );
}
