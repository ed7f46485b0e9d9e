import { canaryBoundary, type ArtifactVersion } from '@glassbox/core/artifacts';
import { artifactApi, type ArtifactRef } from '../../api/artifact-api.js';
import { useApi } from '../../api/use-api.js';
import { ErrorState, Loading } from '../../components/states.js';
import { formatTimestamp } from '../../view-model/format.js';
import { CanaryForm } from './canary-form.js';

const pct = (value: number) => `${(value * 100).toFixed(2)} %`;

/**
 * The running (else the newest) canary: both arms' failures per gate metric, and where the
 * sequential test stands against its kill boundary.
 */
export function CanaryPanel(props: {
  artifact: ArtifactRef;
  revision: number;
  versions: ArtifactVersion[];
  current?: number;
  onStarted: () => void;
}) {
  const { artifact } = props;
  const form = (
    <CanaryForm
      artifact={artifact}
      versions={props.versions}
      {...(props.current !== undefined ? { current: props.current } : {})}
      onStarted={props.onStarted}
    />
  );
  const state = useApi(`canary ${artifact.kind}/${artifact.name}#${props.revision}`, (signal) =>
    artifactApi.artifactCanary(artifact, signal),
  );
  return (
    <section className="panel" data-testid="canary-panel">
      <h2>Canary</h2>
      {state.status === 'loading' ? (
        <Loading what="canary" />
      ) : state.status === 'error' ? (
        state.error.status === 404 ? (
          <>
            <p className="muted">
              No canary has run. Start one here, with <code>glassbox prompts canary start</code>, or{' '}
              <code>POST /api/artifacts/{`${artifact.kind}/${artifact.name}`}/canary</code>.
            </p>
            {form}
          </>
        ) : (
          <ErrorState error={state.error} what="the canary" />
        )
      ) : (
        <>
          <CanaryDetail canary={state.data} />
          {state.data.state.status === 'running' ? null : form}
        </>
      )}
    </section>
  );
}

function CanaryDetail(props: { canary: Awaited<ReturnType<typeof artifactApi.artifactCanary>> }) {
  const { state, startedAtMs, endedAtMs } = props.canary;
  const { spec } = state;
  const statusClass =
    state.status === 'killed' ? 'status-error' : state.status === 'promoted' ? 'status-ok' : '';
  return (
    <div data-testid="canary-detail" data-status={state.status}>
      <p>
        <span className={`badge ${statusClass}`}>{state.status}</span> v{spec.version} on{' '}
        <code>{spec.label}</code> at {spec.percent} % of {spec.unit}s
        {spec.ramp.length > 0 ? `, ramp next ${spec.ramp.join(' → ')} %` : ''}; started{' '}
        {formatTimestamp(startedAtMs)}
        {endedAtMs !== undefined ? `, ended ${formatTimestamp(endedAtMs)}` : ''}. Gate: mSPRT, alpha{' '}
        {spec.alpha}, at least {spec.minSamples} outcomes per arm per step.
      </p>
      {state.reason ? <p data-testid="canary-reason">{state.reason}</p> : null}
      <table className="totals list-table canary-arms" data-testid="canary-arms">
        <thead>
          <tr>
            <th>Metric</th>
            <th className="num">Control failures</th>
            <th className="num">Canary failures</th>
            <th className="num">Difference</th>
            <th className="num">Kill boundary</th>
            <th className="num">Λ / threshold</th>
            <th className="num">Always-valid p</th>
          </tr>
        </thead>
        <tbody>
          {spec.metrics.map((metric) => {
            const m = state.metrics[metric];
            if (!m) return null;
            const b = canaryBoundary(m, spec.alpha, spec.tau);
            return (
              <tr key={metric} data-metric={metric}>
                <td>{metric}</td>
                <td className="num">
                  {m.control.successes} / {m.control.trials} ({pct(b.controlRate)})
                </td>
                <td className="num">
                  {m.treatment.successes} / {m.treatment.trials} ({pct(b.canaryRate)})
                </td>
                <td className="num">{pct(b.difference)}</td>
                <td className="num" data-testid={`boundary-${metric}`}>
                  {b.boundaryDifference === undefined ? '—' : `+${pct(b.boundaryDifference)}`}
                </td>
                <td className="num">
                  {b.likelihoodRatio.toPrecision(3)} / {b.threshold.toPrecision(3)}
                </td>
                <td className="num">
                  {m.pValue.toPrecision(3)} {m.pValue <= spec.alpha ? '≤' : '>'} {spec.alpha}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted">
        The canary is killed once a metric's canary rate exceeds control by more than the boundary
        (Λ reaches 1/alpha); the boundary narrows as both arms grow.
      </p>
    </div>
  );
}
