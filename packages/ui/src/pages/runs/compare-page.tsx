import type { RunOutcome } from '@glassbox/core/evals';
import { useState } from 'react';
import { evalApi, type ComparedItemView } from '../../api/eval-api.js';
import { useApi } from '../../api/use-api.js';
import { ErrorState, Loading } from '../../components/states.js';
import { Link } from '../../router/link.js';
import { paths } from '../../router/match-route.js';
import { shortId } from '../../view-model/format.js';

const fixed = (x: number, digits = 3) => x.toFixed(digits);
const pValue = (p: number) => (p < 0.001 ? p.toExponential(1) : p.toFixed(3));

/** Two runs on one dataset version: the paired statistics, then every item side by side. */
export function ComparePage(props: { baseline: string; candidate: string }) {
  const state = useApi(`compare ${props.baseline} ${props.candidate}`, (signal) =>
    evalApi.compareRuns(props.candidate, props.baseline, signal),
  );
  const [onlyDifferent, setOnlyDifferent] = useState(true);
  if (state.status === 'loading') return <Loading what="comparison" />;
  if (state.status === 'error') return <ErrorState error={state.error} what="comparison" />;
  const { baseline, candidate, comparison, items } = state.data;
  const flaky = comparison.flakiness.candidate.filter((f) => f.flaky).length;
  const differs = (i: ComparedItemView) =>
    passRate(i.baseline) !== passRate(i.candidate) || passRate(i.candidate) < 1;
  const shown = onlyDifferent ? items.filter(differs) : items;
  return (
    <div className="compare-page">
      <div className="page-head">
        <h1>
          Compare on {candidate.dataset}@{candidate.datasetVersion}
        </h1>
        <Link href={paths.dataset(candidate.dataset)}>Dataset</Link>
      </div>
      <p>
        Baseline <strong>{shortId(baseline.id)}</strong> ({baseline.target}) against candidate{' '}
        <strong>{shortId(candidate.id)}</strong> ({candidate.target}):{' '}
        <strong
          className={`verdict verdict-${comparison.verdict.replace(/ /g, '-')}`}
          data-testid="verdict"
        >
          {comparison.verdict}
        </strong>{' '}
        over {comparison.pairedItems} paired items.
      </p>
      <table className="totals list-table" data-testid="comparison-metrics">
        <thead>
          <tr>
            <th>Metric</th>
            <th>Test</th>
            <th className="num">Baseline</th>
            <th className="num">Candidate</th>
            <th className="num">Difference [95 % bootstrap]</th>
            <th className="num">p</th>
            <th className="num">Holm p</th>
            <th>Verdict</th>
          </tr>
        </thead>
        <tbody>
          {comparison.metrics.map((m) => (
            <tr key={m.metric} data-metric={m.metric}>
              <td title={m.detail}>{m.metric}</td>
              <td>{m.test}</td>
              <td className="num">{fixed(m.baselineMean)}</td>
              <td className="num">{fixed(m.candidateMean)}</td>
              <td className="num">
                {fixed(m.difference.mean)} [{fixed(m.difference.low)}, {fixed(m.difference.high)}]
              </td>
              <td className="num">{pValue(m.pValue)}</td>
              <td className="num">{pValue(m.adjustedPValue)}</td>
              <td>{m.verdict}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="muted" data-testid="comparison-notes">
        <li>{comparison.minimumDetectableEffect.note}</li>
        {flaky > 0 ? <li>{flaky} items are flaky across repeats in the candidate run.</li> : null}
        {comparison.unpairedItems.length > 0 ? (
          <li>
            {comparison.unpairedItems.length} items are in only one run and were not compared.
          </li>
        ) : null}
      </ul>
      <h2>Items</h2>
      <label>
        <input
          type="checkbox"
          checked={onlyDifferent}
          onChange={(e) => setOnlyDifferent(e.target.checked)}
        />{' '}
        Only items that changed or fail
      </label>
      <table className="totals list-table compare-items" data-testid="compare-items">
        <thead>
          <tr>
            <th>Item</th>
            <th>Baseline</th>
            <th>Candidate</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((item) => (
            <tr key={item.itemId} data-item-id={item.itemId}>
              <td>
                <div>{item.itemId}</div>
                {Object.entries(item.vars).map(([k, v]) => (
                  <div key={k} className="muted">
                    {k}: {typeof v === 'string' ? v : JSON.stringify(v)}
                  </div>
                ))}
                {item.expected ? <div className="muted">expected: {item.expected}</div> : null}
                {item.sourceTraceId && passRate(item.candidate) < 1 ? (
                  <div>
                    <Link href={paths.trace(item.sourceTraceId)} data-testid="item-trace-link">
                      Source trace
                    </Link>{' '}
                    ·{' '}
                    <Link
                      href={paths.traceReplay(item.sourceTraceId)}
                      data-testid="item-replay-link"
                    >
                      Replay it
                    </Link>
                  </div>
                ) : null}
              </td>
              <td>
                <Outcomes outcomes={item.baseline} />
              </td>
              <td>
                <Outcomes outcomes={item.candidate} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function passRate(outcomes: readonly RunOutcome[]): number {
  return outcomes.length === 0 ? 0 : outcomes.filter((o) => o.pass).length / outcomes.length;
}

function Outcomes(props: { outcomes: RunOutcome[] }) {
  if (props.outcomes.length === 0) return <span className="muted">not run</span>;
  return (
    <div>
      {props.outcomes.map((o) => (
        <div key={o.repeat} className="compare-outcome" data-pass={o.pass}>
          <strong>{o.pass ? 'PASS' : o.error ? 'ERROR' : 'FAIL'}</strong>
          {props.outcomes.length > 1 ? ` #${o.repeat + 1}` : ''}: {o.output || o.error || ''}
          {!o.pass && o.reason ? <div className="muted">{o.reason}</div> : null}
        </div>
      ))}
    </div>
  );
}
