import { Link } from '../../router/link.js';
import { paths } from '../../router/match-route.js';
import { formatCost, formatDuration } from '../../view-model/format.js';
import {
  formatInterval,
  formatPValue,
  formatShare,
  verdictLine,
  type BisectionView,
} from '../../view-model/replay-view.js';
import { IntervalBar } from './interval-bar.js';

/**
 * A bisection as run: the verdict, then one bar per arm (failure rate and its Wilson interval),
 * the Fisher p-value against the bad arm, Holm-adjusted, and the effect with its interval.
 */
export function BisectionReport(props: { result: BisectionView }) {
  const { result } = props;
  const { verdict } = result;
  return (
    <div className="bisection-report" data-testid="bisection-report">
      <p
        className={`bisection-verdict verdict-${verdict?.kind ?? 'planned'}`}
        data-testid="bisection-verdict"
        data-kind={verdict?.kind ?? 'planned'}
        data-factors={verdict?.factors.join(' ') ?? ''}
      >
        <strong>{verdictLine(verdict)}</strong>
        {verdict ? <span className="muted"> — {verdict.reason}</span> : null}
      </p>
      <p className="muted">
        Against good trace{' '}
        <Link className="mono" href={paths.trace(result.goodTraceId, result.goodSpanId)}>
          {result.goodTraceId}
        </Link>
        {result.goodReference === 'before'
          ? ' (the latest healthy trace of the route before this one)'
          : result.goodReference === 'snapshot'
            ? ` as its version snapshot pins it (${Object.entries(result.snapshot?.versions ?? {})
                .map(([k, v]) => `${k}=${v}`)
                .join(', ')})`
            : ''}
        ; a trial fails when it {failureRule(result)}. {result.calls} calls,{' '}
        {formatCost(result.costUsd)}, {formatDuration(result.wallMs)}.
        {result.stoppedByBudget ? ' The budget cap stopped the run: results so far are shown.' : ''}
      </p>
      <table className="replay-table bisection-arms" data-testid="bisection-arms">
        <thead>
          <tr>
            <th>Arm</th>
            <th>Failure rate (Wilson 95 %)</th>
            <th className="num">Failed</th>
            <th className="num">p (Fisher)</th>
            <th className="num">p (Holm)</th>
            <th>Effect: fewer failures (Newcombe 95 %)</th>
          </tr>
        </thead>
        <tbody>
          {result.arms.map((arm) => (
            <tr
              key={arm.name}
              data-arm={arm.name}
              data-fixes={String(arm.fixes)}
              className={arm.fixes ? 'arm-fixes' : ''}
            >
              <td>
                <strong>{arm.name}</strong>
                {arm.factors.length === 0 ? <span className="muted"> (as recorded)</span> : null}
                {arm.stopped ? <span className="muted"> · stopped: {arm.stopped}</span> : null}
              </td>
              <td>
                <IntervalBar
                  interval={arm.failureRate}
                  tone={arm.factors.length === 0 ? 'bad' : arm.fixes ? 'fix' : undefined}
                />{' '}
                <span className="muted">{formatInterval(arm.failureRate)}</span>
              </td>
              <td className="num">
                {arm.failures}/{arm.trials}
                {arm.errors ? <span className="muted"> +{arm.errors} errors</span> : null}
              </td>
              <td className="num">{formatPValue(arm.pValue)}</td>
              <td className="num" data-testid="adjusted-p">
                {formatPValue(arm.adjustedPValue)}
              </td>
              <td>
                {arm.effect
                  ? `${formatShare(arm.effect.estimate)} (${formatShare(arm.effect.lower)} – ${formatShare(arm.effect.upper)})`
                  : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Differences result={result} />
    </div>
  );
}

/** The evaluator in words: categories, assertions, or both. */
export function failureRule(result: {
  targetCategories: readonly string[];
  assertions?: readonly { type: string; value?: unknown }[];
}): string {
  const parts: string[] = [];
  if (result.targetCategories.length > 0) parts.push(`shows ${result.targetCategories.join(', ')}`);
  if (result.assertions && result.assertions.length > 0)
    parts.push(
      `fails ${result.assertions
        .map((a) => (a.value === undefined ? a.type : `${a.type} ${String(a.value)}`))
        .join(', ')}`,
    );
  return parts.join(' or ') || 'shows nothing (no evaluator)';
}

/** What differs between the bad and the good call, factor by factor. */
export function Differences(props: { result: BisectionView }) {
  const { differences, unavailable } = props.result;
  return (
    <div className="bisection-differences">
      <h4>Factors that differ</h4>
      {differences.length === 0 ? (
        <p className="muted">None: the bad and good calls send the same request.</p>
      ) : (
        <dl className="kv" data-testid="bisection-differences">
          {differences.map((d) => (
            <div key={d.factor}>
              <dt>{d.factor}</dt>
              <dd>
                <span className="mono">{d.bad}</span> → <span className="mono">{d.good}</span>
              </dd>
            </div>
          ))}
        </dl>
      )}
      {unavailable.length > 0 ? (
        <p className="muted">
          Not testable: {unavailable.map((u) => `${u.factor} (${u.reason})`).join('; ')}
        </p>
      ) : null}
    </div>
  );
}
