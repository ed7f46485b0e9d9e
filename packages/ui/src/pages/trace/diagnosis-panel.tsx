import { LAYER_LABELS } from '@glassbox/core/diagnose';
import type { LayerVerdict } from '@glassbox/core/diagnose';
import { api } from '../../api/api-client.js';
import { useApi } from '../../api/use-api.js';

/**
 * What Glassbox thinks failed: the layer diagnosis when the server offers it. A 404 (no
 * diagnosis endpoint, or nothing to diagnose) hides the panel.
 */
export function DiagnosisPanel(props: { traceId: string; findingCount: number }) {
  const state = useApi(`diagnosis:${props.traceId}`, (signal) =>
    api.getDiagnosis(props.traceId, signal),
  );
  if (state.status === 'loading') return null;
  if (state.status === 'error') {
    if (state.error.status === 404) return null;
    return (
      <p className="muted diagnosis-unavailable">Diagnosis unavailable: {state.error.message}</p>
    );
  }
  const { layers, mostLikely, summary } = state.data;
  const implicated = layers.filter((l) => l.verdict === 'implicated');
  const others = layers.filter((l) => l.verdict !== 'implicated');
  return (
    <section
      className={`panel diagnosis ${implicated.length > 0 ? 'has-culprit' : ''}`}
      aria-label="Diagnosis"
      data-testid="diagnosis"
    >
      <div className="diagnosis-head">
        <h2>Diagnosis</h2>
        {mostLikely ? (
          <span className="badge verdict-implicated">
            most likely: {LAYER_LABELS[mostLikely] ?? mostLikely}
          </span>
        ) : null}
        <span className="muted">
          {props.findingCount} finding{props.findingCount === 1 ? '' : 's'}
        </span>
      </div>
      <p className="diagnosis-summary">{summary}</p>
      {implicated.length > 0 ? (
        <ul className="layers">
          {implicated.map((layer) => (
            <LayerItem key={layer.layer} layer={layer} />
          ))}
        </ul>
      ) : null}
      {others.length > 0 ? (
        <details className="other-layers">
          <summary>
            Evidence for the other {others.length} layer{others.length === 1 ? '' : 's'} (
            {others.filter((l) => l.verdict === 'cleared').length} cleared)
          </summary>
          <ul className="layers">
            {others.map((layer) => (
              <LayerItem key={layer.layer} layer={layer} />
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

function LayerItem(props: { layer: LayerVerdict }) {
  const { layer } = props;
  return (
    <li className={`layer verdict-${layer.verdict}`}>
      <div className="layer-head">
        <strong>{LAYER_LABELS[layer.layer] ?? layer.layer}</strong>
        <span className={`badge verdict-${layer.verdict}`}>{layer.verdict}</span>
        {layer.verdict !== 'unknown' ? (
          <span className="confidence" title="confidence">
            <span style={{ width: `${Math.round(layer.confidence * 100)}%` }} />
          </span>
        ) : null}
      </div>
      {layer.evidenceFor.length > 0 ? (
        <ul className="evidence evidence-for">
          {layer.evidenceFor.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      ) : null}
      {layer.evidenceAgainst.length > 0 ? (
        <ul className="evidence evidence-against">
          {layer.evidenceAgainst.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
