import { api } from '../../api/api-client.js';
import { useApi } from '../../api/use-api.js';
import { OutcomeBadge } from '../../components/outcome-badge.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';
import { Link } from '../../router/link.js';
import { paths } from '../../router/match-route.js';
import { filtersToSearch } from '../../view-model/trace-filters.js';
import {
  formatCost,
  formatDuration,
  formatTimestamp,
  formatTokens,
} from '../../view-model/format.js';
import { sessionTimeline } from '../../view-model/session-timeline.js';
import { sessionTurns } from '../../view-model/session-turns.js';

/** A conversation across traces, turn by turn, each turn linking to its trace. */
export function SessionPage(props: { sessionId: string }) {
  const state = useApi(props.sessionId, (signal) => api.getSession(props.sessionId, signal));
  if (state.status === 'loading') return <Loading what="session" />;
  if (state.status === 'error') {
    if (state.error.status === 404) {
      return (
        <EmptyState title="Session not found" testId="session-not-found">
          <p>
            No traces carry session id <code>{props.sessionId}</code>. Sessions come from the{' '}
            <code>session.id</code> (OpenInference) or <code>gen_ai.conversation.id</code> (OTel
            GenAI) attribute. <Link href={paths.traces()}>Back to traces</Link>.
          </p>
        </EmptyState>
      );
    }
    return <ErrorState error={state.error} what="the session" />;
  }
  const turns = sessionTurns(state.data.traces);
  const summaries = state.data.traces.map((t) => t.trace);
  const byId = new Map(summaries.map((t) => [t.traceId, t]));
  const timeline = sessionTimeline(summaries);
  const totalCost = turns.reduce((sum, t) => sum + t.costUsd, 0);
  const totalTokens = turns.reduce((sum, t) => sum + t.tokens, 0);
  const first = turns[0];
  const last = turns[turns.length - 1];
  return (
    <div className="session-page">
      <div className="page-head">
        <div>
          <div className="crumbs">
            <Link href={paths.sessions()}>Sessions</Link> /{' '}
            <Link
              href={paths.traces(
                filtersToSearch({ sessionId: props.sessionId, tag: [], version: [] }),
              )}
            >
              Traces of this session
            </Link>
          </div>
          <h1>
            Session <span className="mono">{props.sessionId}</span>
          </h1>
        </div>
      </div>
      <dl className="stats">
        <div className="stat">
          <dt>Turns</dt>
          <dd>{turns.length}</dd>
        </div>
        <div className="stat">
          <dt>From</dt>
          <dd>{first ? formatTimestamp(first.startMs) : '—'}</dd>
        </div>
        <div className="stat">
          <dt>To</dt>
          <dd>{last ? formatTimestamp(last.startMs + last.durationMs) : '—'}</dd>
        </div>
        <div className="stat">
          <dt>Tokens</dt>
          <dd>{formatTokens(totalTokens)}</dd>
        </div>
        <div className="stat">
          <dt>Cost</dt>
          <dd>{formatCost(totalCost)}</dd>
        </div>
      </dl>
      <section className="panel session-timeline" aria-label="Session timeline">
        <div className="timeline-track" data-testid="session-timeline">
          {timeline.map((mark) => (
            <a
              key={mark.traceId}
              href={`#turn-${mark.turn}`}
              className={`timeline-mark outcome-${mark.outcome}`}
              style={{ left: `${mark.leftPct}%`, width: `${mark.widthPct}%` }}
              title={`Turn ${mark.turn}: ${mark.outcome}, ${formatTimestamp(mark.startMs)}`}
              data-outcome={mark.outcome}
              aria-label={`Turn ${mark.turn}, ${mark.outcome}`}
            />
          ))}
        </div>
        <div className="timeline-axis muted">
          <span>{first ? formatTimestamp(first.startMs) : ''}</span>
          <span>{last ? formatTimestamp(last.startMs + last.durationMs) : ''}</span>
        </div>
      </section>
      <ol className="conversation" data-testid="conversation">
        {turns.map((turn, i) => (
          <li key={turn.traceId} className="exchange" data-testid="turn" id={`turn-${i + 1}`}>
            <div className="exchange-meta">
              <span className="turn-number">Turn {i + 1}</span>
              <span className="mono muted">{formatTimestamp(turn.startMs)}</span>
              <OutcomeBadge trace={byId.get(turn.traceId) ?? turn} />
              <span className="muted">
                {formatDuration(turn.durationMs)} · {formatTokens(turn.tokens)} tokens ·{' '}
                {formatCost(turn.costUsd)}
                {turn.models.length ? ` · ${turn.models.join(', ')}` : ''}
              </span>
              <Link href={paths.trace(turn.traceId)} className="open-trace">
                Open trace →
              </Link>
            </div>
            <div className="turn role-user">
              <div className="turn-role">user</div>
              <div className="turn-content">
                {turn.user ?? <span className="muted">(no input recorded)</span>}
              </div>
            </div>
            <div className="turn role-assistant">
              <div className="turn-role">assistant</div>
              <div className="turn-content">
                {turn.assistant ?? <span className="muted">(no answer recorded)</span>}
              </div>
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
