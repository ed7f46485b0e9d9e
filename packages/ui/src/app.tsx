import { useEffect, useState } from 'react';
import { storeApiKey, storedApiKey } from './api/api-key.js';
import { useOpenAlertCount } from './api/use-open-alert-count.js';
import { ThemeToggle } from './components/theme-toggle.js';
import { AlertPage } from './pages/alerts/alert-page.js';
import { AlertsPage } from './pages/alerts/alerts-page.js';
import { ArtifactPage } from './pages/artifacts/artifact-page.js';
import { ArtifactsPage } from './pages/artifacts/artifacts-page.js';
import { AdminPage } from './pages/admin/admin-page.js';
import { KeysPage } from './pages/admin/keys-page.js';
import { FailuresPage } from './pages/failures/failures-page.js';
import { IncidentPage } from './pages/incidents/incident-page.js';
import { IncidentsPage } from './pages/incidents/incidents-page.js';
import { MetricsPage } from './pages/metrics/metrics-page.js';
import { MonitorsPage } from './pages/monitors/monitors-page.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { DatasetPage } from './pages/datasets/dataset-page.js';
import { DatasetsPage } from './pages/datasets/datasets-page.js';
import { ReviewPage } from './pages/review/review-page.js';
import { ComparePage } from './pages/runs/compare-page.js';
import { RunsPage } from './pages/runs/runs-page.js';
import { SessionPage } from './pages/session/session-page.js';
import { SessionsPage } from './pages/sessions/sessions-page.js';
import { TracePage } from './pages/trace/trace-page.js';
import { ReplayComparePage } from './pages/replay/replay-compare-page.js';
import { TracesPage } from './pages/traces/traces-page.js';
import { Link } from './router/link.js';
import { matchRoute, paths, type Route } from './router/match-route.js';
import { useLocation } from './router/use-location.js';

const TITLES: Record<Route['page'], string> = {
  traces: 'Traces',
  trace: 'Trace',
  'replay-compare': 'Replay comparison',
  sessions: 'Sessions',
  session: 'Session',
  failures: 'Failures',
  alerts: 'Alerts',
  alert: 'Alert',
  incidents: 'Incidents',
  incident: 'Incident',
  monitors: 'Monitors',
  metrics: 'Metrics',
  datasets: 'Datasets',
  dataset: 'Dataset',
  runs: 'Runs',
  compare: 'Compare runs',
  review: 'Review',
  artifacts: 'Artifacts',
  artifact: 'Artifact',
  admin: 'Data and access',
  keys: 'API keys',
  'not-found': 'Not found',
};

const SECTIONS: Partial<Record<Route['page'], string>> = {
  sessions: 'sessions',
  session: 'sessions',
  failures: 'failures',
  alerts: 'alerts',
  alert: 'alerts',
  incidents: 'incidents',
  incident: 'incidents',
  monitors: 'monitors',
  metrics: 'monitors',
  datasets: 'datasets',
  dataset: 'datasets',
  runs: 'datasets',
  compare: 'datasets',
  review: 'review',
  artifacts: 'artifacts',
  artifact: 'artifacts',
  admin: 'admin',
  keys: 'keys',
};

/** The shell: top bar with navigation and theme, and the page for the current path. */
export function App() {
  const location = useLocation();
  const route = matchRoute(location.pathname, location.search);
  useEffect(() => {
    document.title = `${TITLES[route.page]} · Glassbox`;
  }, [route.page]);
  const section = SECTIONS[route.page] ?? 'traces';
  const openAlerts = useOpenAlertCount(location.pathname);
  const current = (name: string) => (section === name ? ('page' as const) : undefined);
  // At phone width the navigation folds behind a menu button; any navigation closes it.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [location.pathname, location.search]);
  return (
    <div className="app">
      <header className="topbar">
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <Link href={paths.traces()} className="brand" aria-label="Glassbox home">
          <span className="brand-mark" aria-hidden="true" />
          Glassbox
        </Link>
        <button
          type="button"
          className="menu-button ghost"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          <span aria-hidden="true">☰</span> Menu
        </button>
        <nav aria-label="Main" id="main-nav" className={menuOpen ? 'open' : ''}>
          <Link href={paths.traces()} aria-current={current('traces')}>
            Traces
          </Link>
          <Link href={paths.sessions()} aria-current={current('sessions')}>
            Sessions
          </Link>
          <Link href={paths.failures()} aria-current={current('failures')}>
            Failures
          </Link>
          <Link href={paths.alerts()} aria-current={current('alerts')}>
            Alerts
            {openAlerts ? (
              <span
                className="nav-count"
                data-testid="open-alert-count"
                title={`${openAlerts} open alert${openAlerts === 1 ? '' : 's'}`}
              >
                {openAlerts}
              </span>
            ) : null}
          </Link>
          <Link href={paths.incidents()} aria-current={current('incidents')}>
            Incidents
          </Link>
          <Link href={paths.monitors()} aria-current={current('monitors')}>
            Monitors
          </Link>
          <Link href={paths.datasets()} aria-current={current('datasets')}>
            Datasets
          </Link>
          <Link href={paths.review()} aria-current={current('review')}>
            Review
          </Link>
          <Link href={paths.artifacts()} aria-current={current('artifacts')}>
            Artifacts
          </Link>
          <Link href={paths.admin()} aria-current={current('admin')}>
            Data
          </Link>
          <Link href={paths.keys()} aria-current={current('keys')}>
            Keys
          </Link>
        </nav>
        <div className="topbar-end">
          {storedApiKey() ? (
            <button
              type="button"
              className="ghost"
              onClick={() => {
                storeApiKey(undefined);
                window.location.reload();
              }}
            >
              Sign out
            </button>
          ) : null}
          <ThemeToggle />
        </div>
      </header>
      <main id="main" className="page">
        <Page route={route} search={location.search} />
      </main>
    </div>
  );
}

function Page(props: { route: Route; search: string }) {
  const { route } = props;
  switch (route.page) {
    case 'traces':
      return <TracesPage search={props.search} />;
    case 'trace':
      return (
        <TracePage
          key={route.traceId}
          traceId={route.traceId}
          spanId={route.spanId}
          replay={route.replay === true}
          search={props.search}
        />
      );
    case 'replay-compare':
      return (
        <ReplayComparePage
          key={`${route.traceId}:${route.replayTraceId}`}
          traceId={route.traceId}
          replayTraceId={route.replayTraceId}
        />
      );
    case 'sessions':
      return <SessionsPage search={props.search} />;
    case 'session':
      return <SessionPage key={route.sessionId} sessionId={route.sessionId} />;
    case 'failures':
      return <FailuresPage search={props.search} />;
    case 'alerts':
      return <AlertsPage search={props.search} />;
    case 'alert':
      return <AlertPage key={route.alertId} alertId={route.alertId} />;
    case 'incidents':
      return <IncidentsPage search={props.search} />;
    case 'incident':
      return <IncidentPage key={route.incidentId} incidentId={route.incidentId} />;
    case 'monitors':
      return <MonitorsPage search={props.search} />;
    case 'metrics':
      return <MetricsPage search={props.search} />;
    case 'datasets':
      return <DatasetsPage />;
    case 'dataset':
      return <DatasetPage key={route.name} name={route.name} search={props.search} />;
    case 'runs':
      return <RunsPage search={props.search} />;
    case 'compare':
      return <ComparePage baseline={route.baseline} candidate={route.candidate} />;
    case 'review':
      return <ReviewPage />;
    case 'artifacts':
      return <ArtifactsPage />;
    case 'artifact':
      return (
        <ArtifactPage key={`${route.kind}/${route.name}`} kind={route.kind} name={route.name} />
      );
    case 'admin':
      return <AdminPage />;
    case 'keys':
      return <KeysPage />;
    case 'not-found':
      return <NotFoundPage path={route.path} />;
  }
}
