import { ARTIFACT_KINDS, type ArtifactKind } from '@glassbox/core/artifacts';

/** The pages of the app, as matched from a path. */
export type Route =
  | { page: 'traces' }
  | { page: 'trace'; traceId: string; spanId?: string; replay?: boolean }
  | { page: 'replay-compare'; traceId: string; replayTraceId: string }
  | { page: 'sessions' }
  | { page: 'session'; sessionId: string }
  | { page: 'failures' }
  | { page: 'alerts' }
  | { page: 'alert'; alertId: string }
  | { page: 'incidents' }
  | { page: 'incident'; incidentId: string }
  | { page: 'monitors' }
  | { page: 'metrics' }
  | { page: 'datasets' }
  | { page: 'dataset'; name: string }
  | { page: 'runs' }
  | { page: 'compare'; baseline: string; candidate: string }
  | { page: 'review' }
  | { page: 'artifacts' }
  | { page: 'artifact'; kind: ArtifactKind; name: string }
  | { page: 'admin' }
  | { page: 'keys' }
  | { page: 'not-found'; path: string };

/**
 * Matches a location to a page. `/` is the traces list; a span can be selected with
 * `?span=<id>` on a trace page, and `?replay=1` opens the replay panel on it (by default on the
 * first model call).
 *
 * @example
 * matchRoute('/traces/4bf92f35', ''); // { page: 'trace', traceId: '4bf92f35' }
 */
export function matchRoute(pathname: string, search: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/traces') return { page: 'traces' };
  if (path === '/failures') return { page: 'failures' };
  if (path === '/sessions') return { page: 'sessions' };
  if (path === '/alerts') return { page: 'alerts' };
  if (path === '/incidents') return { page: 'incidents' };
  if (path === '/monitors') return { page: 'monitors' };
  if (path === '/metrics') return { page: 'metrics' };
  if (path === '/datasets') return { page: 'datasets' };
  if (path === '/runs') return { page: 'runs' };
  if (path === '/review') return { page: 'review' };
  if (path === '/runs/compare') {
    const q = new URLSearchParams(search);
    const [baseline, candidate] = [q.get('baseline'), q.get('candidate')];
    if (baseline && candidate) return { page: 'compare', baseline, candidate };
  }
  if (path === '/admin') return { page: 'admin' };
  if (path === '/keys') return { page: 'keys' };
  const parts = path.split('/').slice(1);
  if (parts.length === 4 && parts[0] === 'traces' && parts[2] === 'compare') {
    const traceId = safeDecode(parts[1] ?? '');
    const replayTraceId = safeDecode(parts[3] ?? '');
    if (traceId && replayTraceId) return { page: 'replay-compare', traceId, replayTraceId };
  }
  if (path === '/artifacts') return { page: 'artifacts' };
  if (parts.length === 3 && parts[0] === 'artifacts') {
    const name = safeDecode(parts[2]!);
    const kind = ARTIFACT_KINDS.find((k) => k === parts[1]);
    if (kind && name) return { page: 'artifact', kind, name };
  }
  if (parts.length === 2 && parts[1]) {
    const id = safeDecode(parts[1]);
    if (id !== undefined && parts[0] === 'traces') {
      const q = new URLSearchParams(search);
      const spanId = q.get('span');
      return {
        page: 'trace',
        traceId: id,
        ...(spanId ? { spanId } : {}),
        ...(q.get('replay') === '1' ? { replay: true } : {}),
      };
    }
    if (id !== undefined && parts[0] === 'sessions') return { page: 'session', sessionId: id };
    if (id !== undefined && parts[0] === 'alerts') return { page: 'alert', alertId: id };
    if (id !== undefined && parts[0] === 'incidents') return { page: 'incident', incidentId: id };
    if (id !== undefined && parts[0] === 'datasets') return { page: 'dataset', name: id };
  }
  return { page: 'not-found', path: pathname };
}

/** The path of a page, ids encoded. */
export const paths = {
  traces: (search = '') => `/traces${search}`,
  trace: (traceId: string, spanId?: string) =>
    `/traces/${encodeURIComponent(traceId)}${spanId ? `?span=${encodeURIComponent(spanId)}` : ''}`,
  /** The trace with the replay panel open on its first model call. */
  traceReplay: (traceId: string) => `/traces/${encodeURIComponent(traceId)}?replay=1`,
  replayCompare: (traceId: string, replayTraceId: string) =>
    `/traces/${encodeURIComponent(traceId)}/compare/${encodeURIComponent(replayTraceId)}`,
  sessions: (search = '') => `/sessions${search}`,
  session: (sessionId: string) => `/sessions/${encodeURIComponent(sessionId)}`,
  failures: (search = '') => `/failures${search}`,
  alerts: (search = '') => `/alerts${search}`,
  alert: (alertId: string) => `/alerts/${encodeURIComponent(alertId)}`,
  incidents: (search = '') => `/incidents${search}`,
  incident: (incidentId: string) => `/incidents/${encodeURIComponent(incidentId)}`,
  monitors: () => '/monitors',
  metrics: (search = '') => `/metrics${search}`,
  datasets: () => '/datasets',
  dataset: (name: string) => `/datasets/${encodeURIComponent(name)}`,
  runs: (search = '') => `/runs${search}`,
  compare: (baseline: string, candidate: string) =>
    `/runs/compare?baseline=${encodeURIComponent(baseline)}&candidate=${encodeURIComponent(candidate)}`,
  review: () => '/review',
  artifacts: () => '/artifacts',
  artifact: (kind: string, name: string) =>
    `/artifacts/${encodeURIComponent(kind)}/${encodeURIComponent(name)}`,
  admin: () => '/admin',
  keys: () => '/keys',
};

function safeDecode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}
