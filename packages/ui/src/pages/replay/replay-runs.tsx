import { useState } from 'react';
import { api } from '../../api/api-client.js';
import { useApi } from '../../api/use-api.js';
import { formatTimestamp } from '../../view-model/format.js';
import type { BisectionView, ReplayView } from '../../view-model/replay-view.js';
import { BisectionReport } from './bisection-report.js';
import { ReplayResults } from './replay-results.js';

/**
 * The stored replay and bisection runs of a trace, newest first, each opening to its report.
 * Hidden when there are none (or the server has no replay routes).
 */
export function ReplayRuns(props: {
  traceId: string;
  /** Changes when a new run was stored, to reload the list. */
  version: number;
  recordedOutputOf: (spanId: string) => string;
}) {
  const [opened, setOpened] = useState<string[]>([]);
  const state = useApi(`replay-runs:${props.traceId}:${props.version}`, (signal) =>
    api.listReplayRuns(props.traceId, signal),
  );
  if (state.status !== 'ok' || state.data.items.length === 0) return null;
  return (
    <section className="panel replay-runs" aria-label="Replay runs" data-testid="replay-runs">
      <h2>Replay runs ({state.data.items.length})</h2>
      {state.data.items.map((run) => (
        <details
          key={run.id}
          data-run-kind={run.kind}
          onToggle={(e) => {
            const open = e.currentTarget.open;
            setOpened((ids) => (open ? [...ids, run.id] : ids.filter((id) => id !== run.id)));
          }}
        >
          <summary>
            <span className="badge">{run.kind === 'bisect' ? 'bisection' : 'replay'}</span>{' '}
            {run.summary} <span className="muted">· {formatTimestamp(run.createdAtMs)}</span>
          </summary>
          {/* A report is rendered once opened: a trace may hold many runs. */}
          {!opened.includes(run.id) ? null : run.kind === 'bisect' ? (
            <BisectionReport result={run.result as BisectionView} />
          ) : (
            <ReplayResults
              result={run.result as ReplayView}
              recordedOutput={props.recordedOutputOf(run.spanId)}
            />
          )}
        </details>
      ))}
    </section>
  );
}
