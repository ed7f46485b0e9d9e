import { evalApi } from '../../api/eval-api.js';
import { useApi } from '../../api/use-api.js';
import { formatTimestamp } from '../../view-model/format.js';

/**
 * The evaluators' scores stored on this trace (sampling rules run them in the background):
 * one row per score, failing ones first. Hidden when the trace has none.
 */
export function ScoresPanel(props: { traceId: string }) {
  const state = useApi(`scores:${props.traceId}`, (signal) =>
    evalApi.traceScores(props.traceId, signal),
  );
  if (state.status === 'loading') return null;
  if (state.status === 'error')
    return <p className="muted">Eval scores unavailable: {state.error.message}</p>;
  if (state.data.length === 0) return null;
  const scores = [...state.data].sort((a, b) => Number(a.pass) - Number(b.pass));
  return (
    <section className="panel trace-scores" aria-label="Eval scores" data-testid="trace-scores">
      <h2>Eval scores</h2>
      <table className="totals list-table">
        <thead>
          <tr>
            <th>Evaluator</th>
            <th>Verdict</th>
            <th className="num">Score</th>
            <th>Reason</th>
            <th>Rule</th>
            <th>Scored</th>
          </tr>
        </thead>
        <tbody>
          {scores.map((s) => (
            <tr key={`${s.ruleId}/${s.name}`} data-score={s.name}>
              <td>{s.name}</td>
              <td>
                <span className={`badge ${s.pass ? 'outcome-ok' : 'outcome-failed'}`}>
                  {s.pass ? 'pass' : 'fail'}
                </span>
              </td>
              <td className="num">{s.score.toFixed(2)}</td>
              <td>{s.reason}</td>
              <td className="mono">{s.ruleId}</td>
              <td>{formatTimestamp(s.atMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
