import { useState } from 'react';
import { CategoryBadge } from '../../components/badges.js';
import { formatCost, formatDuration, formatTokens } from '../../view-model/format.js';
import { formatInterval, type ReplayView } from '../../view-model/replay-view.js';
import { IntervalBar } from './interval-bar.js';
import { failureRule } from './bisection-report.js';
import { OutputDiff } from './output-diff.js';

/** Trials of one replay: the failure rate, one row per trial, and a diff of the chosen output. */
export function ReplayResults(props: { result: ReplayView; recordedOutput: string }) {
  const { result } = props;
  const [chosen, setChosen] = useState(0);
  const trial = result.trials[chosen];
  return (
    <div className="replay-results" data-testid="replay-results">
      <div className="replay-summary">
        <strong data-testid="replay-failure-rate">
          {result.failureRate
            ? `${result.failures}/${result.judged} failed: ${formatInterval(result.failureRate)}`
            : result.targetCategories.length === 0
              ? 'No failure category to judge against (the trace had no finding).'
              : 'No trial was judged.'}
        </strong>
        <IntervalBar interval={result.failureRate} tone="bad" />
        <span className="muted">
          Wilson 95 % · {result.errors} provider error{result.errors === 1 ? '' : 's'} ·{' '}
          {formatCost(result.costUsd)} · {formatDuration(result.wallMs)}
        </span>
      </div>
      <p className="muted">
        A trial fails when it {failureRule(result)}; changed:{' '}
        {result.overridden.join(', ') || 'nothing (replayed as recorded)'}.
        {result.runId ? ` Stored as run ${result.runId}.` : ''}
      </p>
      <table className="replay-table" data-testid="replay-trials">
        <thead>
          <tr>
            <th>#</th>
            <th>Output</th>
            <th>Findings</th>
            <th className="num">Tokens</th>
            <th className="num">Cost</th>
            <th className="num">Latency</th>
          </tr>
        </thead>
        <tbody>
          {result.trials.map((t, i) => (
            <tr
              key={t.index}
              className={`${i === chosen ? 'is-selected' : ''} ${t.failed ? 'trial-failed' : ''}`}
              data-failed={t.failed === null ? 'error' : String(t.failed)}
              onClick={() => setChosen(i)}
            >
              <td>{t.index + 1}</td>
              <td className="trial-output">
                {t.error ? (
                  <span className="error-line">
                    {t.error.code ?? t.error.status ?? 'error'}: {t.error.message}
                  </span>
                ) : (
                  (t.output ?? '').slice(0, 160) || <span className="muted">(no text)</span>
                )}
              </td>
              <td>
                {t.categories.length > 0 ? (
                  t.categories.map((c) => <CategoryBadge key={c} category={c} />)
                ) : t.error || t.assertionFailures?.length ? null : (
                  <span className="muted">none</span>
                )}
                {t.assertionFailures?.map((reason, k) => (
                  <div key={k} className="error-line assertion-failure">
                    {reason}
                  </div>
                ))}
              </td>
              <td className="num">{formatTokens(t.usage?.total)}</td>
              <td className="num">{formatCost(t.costUsd)}</td>
              <td className="num">{formatDuration(t.latencyMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {trial && !trial.error ? (
        <div className="replay-diff">
          <h4>
            Trial {trial.index + 1} against the recorded output{' '}
            <span className="muted">(removed struck through, added underlined)</span>
          </h4>
          <OutputDiff recorded={props.recordedOutput} replayed={trial.output ?? ''} />
          {trial.findings.length > 0 ? (
            <ul className="trial-findings">
              {trial.findings.map((f, i) => (
                <li key={i}>
                  <CategoryBadge category={f.category} /> {f.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
