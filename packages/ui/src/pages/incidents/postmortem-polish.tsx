import { useState } from 'react';
import type { PolishedPostmortem, PolishedText } from '@glassbox/core/postmortem';
import { formatTimestamp } from '../../view-model/format.js';
import { workspaceApi } from './workspace-api.js';

/**
 * The optional polish pass: the configured model rewords the summary and timeline lines;
 * each line says whether its text is the model's or code's (and why a rewording was refused).
 */
export function PostmortemPolish(props: { incidentId: string }) {
  const [state, setState] = useState<
    | { status: 'idle' | 'busy' }
    | { status: 'ok'; data: PolishedPostmortem }
    | { status: 'error'; message: string }
  >({ status: 'idle' });
  const polish = async () => {
    setState({ status: 'busy' });
    try {
      setState({ status: 'ok', data: await workspaceApi.polish(props.incidentId) });
    } catch (e) {
      setState({ status: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <div className="postmortem-polish" data-testid="postmortem-polish">
      <h3>Polished prose (optional)</h3>
      <button type="button" disabled={state.status === 'busy'} onClick={() => void polish()}>
        Reword summary and timeline with the model
      </button>
      {state.status === 'error' ? (
        <p className="workspace-error" role="alert">
          {state.message}
        </p>
      ) : null}
      {state.status === 'ok' ? (
        <div>
          {state.data.failure ? <p className="workspace-error">{state.data.failure}</p> : null}
          <p>
            <Origin text={state.data.summary} /> {state.data.summary.text}
          </p>
          <ul className="statements">
            {state.data.timeline.map((line) => (
              <li key={line.id}>
                <Origin text={line} /> <span className="muted">{formatTimestamp(line.atMs)}</span>{' '}
                {line.text}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

function Origin(props: { text: PolishedText }) {
  const { text } = props;
  return (
    <span
      className={`badge polish-${text.by}`}
      data-by={text.by}
      title={text.rejected ? `model's rewording refused: ${text.rejected}` : undefined}
    >
      {text.by === 'model'
        ? 'reworded by model'
        : text.rejected
          ? 'code (rewording refused)'
          : 'code'}
    </span>
  );
}
