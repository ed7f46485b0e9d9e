import { API_ROUTES, searchParamsOf } from '@glassbox/core/api';
import { api } from '../../api/api-client.js';
import { useApi } from '../../api/use-api.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';
import { Link } from '../../router/link.js';
import { paths } from '../../router/match-route.js';
import { navigate } from '../../router/use-location.js';
import { formatAge, formatCost, formatTimestamp } from '../../view-model/format.js';
import { SendFirstTrace } from '../send-first-trace.js';

const PAGE_SIZE = 100;

/** Conversations: one row per session with its turns, failures, cost and when last seen. */
export function SessionsPage(props: { search: string }) {
  const cursor = new URLSearchParams(props.search).get('cursor') ?? undefined;
  const state = useApi(cursor ?? '', (signal) =>
    api.listSessions(
      searchParamsOf(API_ROUTES.listSessions, { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
      signal,
    ),
  );
  if (state.status === 'loading') return <Loading what="sessions" />;
  if (state.status === 'error') return <ErrorState error={state.error} what="sessions" />;
  const { items, nextCursor } = state.data;
  const now = Date.now();
  return (
    <div className="sessions-page">
      <div className="page-head">
        <h1>Sessions</h1>
      </div>
      {items.length === 0 ? (
        <EmptyState
          title={cursor ? 'No older sessions' : 'No sessions yet'}
          testId="sessions-empty"
        >
          <p>
            A session groups the traces of one conversation. Glassbox reads it from the{' '}
            <code>session.id</code> (OpenInference) or <code>gen_ai.conversation.id</code> (OTel
            GenAI) attribute of your spans.
          </p>
          {cursor ? (
            <Link href={paths.sessions()}>Back to the newest sessions</Link>
          ) : (
            <SendFirstTrace />
          )}
        </EmptyState>
      ) : (
        <div className="table-card">
          <table className="totals sessions-table" data-testid="sessions-table">
            <thead>
              <tr>
                <th>Session</th>
                <th className="num">Turns</th>
                <th className="num">Failed</th>
                <th className="num col-optional">Errors</th>
                <th className="num">Cost</th>
                <th>Last seen</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.sessionId} data-session-id={s.sessionId}>
                  <td className="cell-id">
                    <Link href={paths.session(s.sessionId)} title={s.sessionId}>
                      {s.sessionId}
                    </Link>
                  </td>
                  <td className="num">{s.turns}</td>
                  <td className={`num ${s.failedTurns > 0 ? 'has-failures' : ''}`}>
                    {s.failedTurns}
                  </td>
                  <td className="num col-optional">{s.errorTurns}</td>
                  <td className="num">{formatCost(s.costUsd)}</td>
                  <td title={formatTimestamp(s.lastSeenMs)}>{formatAge(s.lastSeenMs, now)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="pager" aria-label="Pages">
        <button type="button" disabled={!cursor} onClick={() => navigate(paths.sessions())}>
          ← Newest
        </button>
        <span className="muted">{items.length} sessions on this page</span>
        <button
          type="button"
          disabled={!nextCursor}
          onClick={() =>
            nextCursor &&
            navigate(paths.sessions(`?${new URLSearchParams({ cursor: nextCursor })}`))
          }
        >
          Older →
        </button>
      </div>
    </div>
  );
}
