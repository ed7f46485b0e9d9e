import { useEffect } from 'react';
import { storeApiKey, storedApiKey } from './api/api-key.js';
import { ThemeToggle } from './components/theme-toggle.js';
import { FailuresPage } from './pages/failures/failures-page.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { SessionPage } from './pages/session/session-page.js';
import { TracePage } from './pages/trace/trace-page.js';
import { TracesPage } from './pages/traces/traces-page.js';
import { Link } from './router/link.js';
import { matchRoute, paths, type Route } from './router/match-route.js';
import { useLocation } from './router/use-location.js';

const TITLES: Record<Route['page'], string> = {
  traces: 'Traces',
  trace: 'Trace',
  session: 'Session',
  failures: 'Failures',
  'not-found': 'Not found',
};

/** The shell: top bar with navigation and theme, and the page for the current path. */
export function App() {
  const location = useLocation();
  const route = matchRoute(location.pathname, location.search);
  useEffect(() => {
    document.title = `${TITLES[route.page]} · Glassbox`;
  }, [route.page]);
  const section = route.page === 'failures' ? 'failures' : 'traces';
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
        <nav aria-label="Main">
          <Link href={paths.traces()} aria-current={section === 'traces' ? 'page' : undefined}>
            Traces
          </Link>
          <Link href={paths.failures()} aria-current={section === 'failures' ? 'page' : undefined}>
            Failures
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
              Forget API key
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
      return <TracePage key={route.traceId} traceId={route.traceId} spanId={route.spanId} />;
    case 'session':
      return <SessionPage key={route.sessionId} sessionId={route.sessionId} />;
    case 'failures':
      return <FailuresPage search={props.search} />;
    case 'not-found':
      return <NotFoundPage path={route.path} />;
  }
}
