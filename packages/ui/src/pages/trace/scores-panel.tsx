import type { TraceExperimentView, TraceScoreView } from '../../api/eval-api.js';
import { evalApi } from '../../api/eval-api.js';
import { useApi } from '../../api/use-api.js';
import { Link } from '../../router/link.js';
import { paths } from '../../router/match-route.js';
import { formatTimestamp } from '../../view-model/format.js';

/**
 * The evaluators' scores stored on this trace: the online evaluators' (sampling rules run them
 * in the background) and the experiment outcomes whose call started it. Failing ones first;
 * hidden when there are none.
 */
export function ScoresPanel(props: { traceId: string }) {
  const state = useApi(`scores:${props.traceId}`, (signal) =>
    evalApi.traceScores(props.traceId, signal),
  );
  if (state.status === 'loading') return null;
  if (state.status === 'error')
    return <p className="muted">Eval scores unavailable: {state.error.message}</p>;
  const { online, experiments } = state.data;
  if (online.length === 0 && experiments.length === 0) return null;
  return (
    <section className="panel trace-scores" aria-label="Eval scores" data-testid="trace-scores">
      <h2>Eval scores</h2>
      {online.length > 0 ? <OnlineScores scores={online} /> : null}
      {experiments.length > 0 ? <ExperimentScores found={experiments} /> : null}
    </section>
  );
}

function Verdict(props: { pass: boolean }) {
  return (
    <span className={`badge ${props.pass ? 'outcome-ok' : 'outcome-failed'}`}>
      {props.pass ? 'pass' : 'fail'}
    </span>
  );
}

function OnlineScores(props: { scores: readonly TraceScoreView[] }) {
  const scores = [...props.scores].sort((a, b) => Number(a.pass) - Number(b.pass));
  return (
    <table className="totals list-table" data-testid="online-scores">
      <caption>Online evaluators</caption>
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
              <Verdict pass={s.pass} />
            </td>
            <td className="num">{s.score.toFixed(2)}</td>
            <td>{s.reason}</td>
            <td className="mono">{s.ruleId}</td>
            <td>{formatTimestamp(s.atMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ExperimentScores(props: { found: readonly TraceExperimentView[] }) {
  const found = [...props.found].sort((a, b) => Number(a.outcome.pass) - Number(b.outcome.pass));
  return (
    <table className="totals list-table" data-testid="experiment-scores">
      <caption>Experiments that called the app for this trace</caption>
      <thead>
        <tr>
          <th>Run</th>
          <th>Item</th>
          <th>Verdict</th>
          <th className="num">Score</th>
          <th>Named scores</th>
          <th>Reason</th>
        </tr>
      </thead>
      <tbody>
        {found.map(({ run, outcome }) => (
          <tr
            key={`${run.id}/${outcome.itemId}/${outcome.repeat}`}
            data-run-id={run.id}
            data-item-id={outcome.itemId}
          >
            <td>
              <Link href={paths.dataset(run.dataset)}>
                {run.dataset}@{run.datasetVersion}
              </Link>{' '}
              <span className="muted">
                {run.target} · {formatTimestamp(run.createdAtMs)}
              </span>
            </td>
            <td>
              {outcome.itemId}
              {run.repeats > 1 ? ` #${outcome.repeat + 1}` : ''}
            </td>
            <td>
              <Verdict pass={outcome.pass} />
            </td>
            <td className="num">{outcome.score.toFixed(2)}</td>
            <td className="mono">
              {Object.entries(outcome.namedScores)
                .map(([name, value]) => `${name} ${value.toFixed(2)}`)
                .join(', ')}
            </td>
            <td>{outcome.error ?? outcome.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
