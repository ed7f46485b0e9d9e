import { RUBRIC_DIMENSIONS, type ReviewVerdict, type RubricDimension } from '@glassbox/core/evals';
import { useEffect, useState } from 'react';
import { api } from '../../api/api-client.js';
import { evalApi, type ReviewItemView } from '../../api/eval-api.js';
import { useApi } from '../../api/use-api.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';
import { Link } from '../../router/link.js';
import { paths } from '../../router/match-route.js';

const DIMENSIONS = Object.keys(RUBRIC_DIMENSIONS) as RubricDimension[];
const REVIEWER_KEY = 'glassbox.reviewer';

/**
 * The human review queue, scored from the keyboard: p or 1 passes the highlighted rubric
 * dimension, f or 0 fails it (each moves to the next), j/k move, Enter saves and opens the
 * next trace, s skips it. Agreement with the judge and between reviewers is below.
 */
export function ReviewPage() {
  const [reviewer, setReviewer] = useState(() => localStorage.getItem(REVIEWER_KEY) ?? '');
  const [round, setRound] = useState(0);
  return (
    <div className="review-page">
      <div className="page-head">
        <h1>Review</h1>
        <label className="field">
          <span>Reviewer</span>
          <input
            name="reviewer"
            value={reviewer}
            onChange={(e) => {
              setReviewer(e.target.value);
              localStorage.setItem(REVIEWER_KEY, e.target.value);
            }}
          />
        </label>
      </div>
      {reviewer.trim() === '' ? (
        <p>Enter your name to start reviewing.</p>
      ) : (
        <Queue
          key={`${reviewer}-${round}`}
          reviewer={reviewer.trim()}
          onSaved={() => setRound(round + 1)}
        />
      )}
      <Agreement key={round} />
    </div>
  );
}

function Queue(props: { reviewer: string; onSaved: () => void }) {
  const state = useApi(`reviews ${props.reviewer}`, (signal) =>
    evalApi.listReviews(props.reviewer, signal),
  );
  const [skipped, setSkipped] = useState<string[]>([]);
  if (state.status === 'loading') return <Loading what="review queue" />;
  if (state.status === 'error') return <ErrorState error={state.error} what="review queue" />;
  const next = state.data.find((i) => !skipped.includes(i.traceId));
  if (!next)
    return (
      <EmptyState title="Nothing left to review" testId="review-empty">
        <p>Flag traces or queue a sample through POST /api/reviews.</p>
      </EmptyState>
    );
  return (
    <Scorer
      key={next.traceId}
      item={next}
      left={state.data.length - skipped.length}
      reviewer={props.reviewer}
      onSaved={props.onSaved}
      onSkip={() => setSkipped([...skipped, next.traceId])}
    />
  );
}

function Scorer(props: {
  item: ReviewItemView;
  left: number;
  reviewer: string;
  onSaved: () => void;
  onSkip: () => void;
}) {
  const trace = useApi(`trace ${props.item.traceId}`, (signal) =>
    api.getTrace(props.item.traceId, signal),
  );
  const [cursor, setCursor] = useState(0);
  const [verdicts, setVerdicts] = useState<Partial<Record<RubricDimension, ReviewVerdict>>>({});
  const [error, setError] = useState<string | undefined>();
  const save = () => {
    if (Object.keys(verdicts).length === 0) return;
    evalApi.putReviewLabels(props.item.traceId, props.reviewer, verdicts).then(
      () => props.onSaved(),
      (e: unknown) => setError(String((e as Error).message ?? e)),
    );
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.metaKey || e.ctrlKey || e.altKey) return;
      const mark = (verdict: ReviewVerdict) => {
        const dimension = DIMENSIONS[cursor] as RubricDimension;
        setVerdicts((v) => ({ ...v, [dimension]: verdict }));
        setCursor((c) => Math.min(c + 1, DIMENSIONS.length - 1));
      };
      if (e.key === 'p' || e.key === '1') mark('pass');
      else if (e.key === 'f' || e.key === '0') mark('fail');
      else if (e.key === 'j' || e.key === 'ArrowDown')
        setCursor((c) => Math.min(c + 1, DIMENSIONS.length - 1));
      else if (e.key === 'k' || e.key === 'ArrowUp') setCursor((c) => Math.max(c - 1, 0));
      else if (e.key === 'Enter') save();
      else if (e.key === 's') props.onSkip();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  const summary = trace.status === 'ok' ? trace.data.trace : undefined;
  return (
    <section
      className="panel review-scorer"
      data-testid="review-scorer"
      data-trace-id={props.item.traceId}
    >
      <p className="muted">
        {props.left} to review · {props.item.reason}
        {props.item.note ? ` · ${props.item.note}` : ''} ·{' '}
        <Link href={paths.trace(props.item.traceId)}>open trace</Link>
      </p>
      {summary ? (
        <div className="review-texts">
          <h2>Input</h2>
          <pre className="text-block">{summary.input ?? '—'}</pre>
          <h2>Output</h2>
          <pre className="text-block">{summary.output ?? '—'}</pre>
        </div>
      ) : trace.status === 'error' ? (
        <ErrorState error={trace.error} what="trace" />
      ) : (
        <Loading what="trace" />
      )}
      <ol className="rubric" aria-label="Rubric dimensions">
        {DIMENSIONS.map((d, i) => (
          <li key={d} aria-current={i === cursor ? 'true' : undefined} data-dimension={d}>
            <button type="button" className="ghost" onClick={() => setCursor(i)}>
              {i === cursor ? '▶ ' : ''}
              {d}
            </button>{' '}
            <strong data-testid={`verdict-${d}`}>{verdicts[d] ?? '—'}</strong>
            <div className="muted">{RUBRIC_DIMENSIONS[d]}</div>
          </li>
        ))}
      </ol>
      <p className="muted">Keys: p/1 pass · f/0 fail · j/k move · Enter save and next · s skip</p>
      <button type="button" onClick={save} disabled={Object.keys(verdicts).length === 0}>
        Save and next
      </button>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
    </section>
  );
}

function Agreement() {
  const state = useApi('agreement', (signal) => evalApi.agreement(signal));
  if (state.status !== 'ok') return null;
  const kappa = (k: number | undefined) => (k === undefined ? '—' : k.toFixed(2));
  return (
    <section>
      <h2>Agreement (Cohen&apos;s kappa)</h2>
      <table className="totals list-table" data-testid="agreement-table">
        <thead>
          <tr>
            <th>Dimension</th>
            <th className="num">Reviewer vs judge</th>
            <th className="num">Items</th>
            <th className="num">Between reviewers</th>
            <th className="num">Items</th>
          </tr>
        </thead>
        <tbody>
          {state.data.map((d) => (
            <tr key={d.dimension} data-dimension={d.dimension}>
              <td>{d.dimension}</td>
              <td className="num">{kappa(d.reviewerVsJudge.kappa)}</td>
              <td className="num">{d.reviewerVsJudge.items}</td>
              <td className="num">{kappa(d.betweenReviewers.kappa)}</td>
              <td className="num">{d.betweenReviewers.items}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
