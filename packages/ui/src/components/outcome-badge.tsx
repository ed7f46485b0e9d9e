import { traceOutcome, type TraceSummary } from '@glassbox/core/model';

const TITLES = {
  ok: 'ok: no span reported an error and Glassbox found no failure',
  failed: 'failed: Glassbox found a failure in this trace',
  error: 'error: a span reported an error status',
} as const;

/** A trace's outcome (ok, failed, error) instead of OTel's status, where "unset" says nothing. */
export function OutcomeBadge(props: { trace: Pick<TraceSummary, 'status' | 'categories'> }) {
  const outcome = traceOutcome(props.trace);
  return (
    <span className={`badge outcome-${outcome}`} title={TITLES[outcome]} data-outcome={outcome}>
      {outcome}
    </span>
  );
}
