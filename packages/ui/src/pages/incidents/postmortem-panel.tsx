import { linkHref, type Postmortem, type Statement } from '@glassbox/core/postmortem';
import { api } from '../../api/api-client.js';
import type { ApiState } from '../../api/use-api.js';
import { ErrorState, Loading } from '../../components/states.js';
import { Link } from '../../router/link.js';
import { elideId } from '../../view-model/format.js';
import { PostmortemPolish } from './postmortem-polish.js';
import { PostmortemVersions } from './postmortem-versions.js';

const QUESTIONS: [keyof Postmortem['questions'], string][] = [
  ['output', '1. What was the output, and what should it have been?'],
  ['whatChanged', '2. What changed?'],
  ['isolatedOrSystematic', '3. Isolated or systematic?'],
  ['detectionGap', '4. What is the detection gap?'],
];

/**
 * The incident's postmortem draft, assembled by the server from the stored evidence: the
 * four questions with their sources, the root-cause category or an abstention, and downloads
 * in Markdown, template YAML and JSON.
 */
export function PostmortemPanel(props: {
  incidentId: string;
  state: ApiState<Postmortem>;
  refreshKey: number;
  onChanged: () => void;
}) {
  const { state } = props;
  return (
    <section className="panel postmortem-panel" aria-label="Postmortem" data-testid="postmortem">
      <div className="panel-heading">
        <h2>Postmortem draft</h2>
        <div className="postmortem-downloads">
          <button type="button" onClick={() => void download(props.incidentId, 'md')}>
            Markdown
          </button>
          <button type="button" onClick={() => void download(props.incidentId, 'yaml')}>
            YAML
          </button>
          {state.status === 'ok' && (
            <button
              type="button"
              onClick={() => save(`${props.incidentId}.json`, JSON.stringify(state.data, null, 2))}
            >
              JSON
            </button>
          )}
        </div>
      </div>
      {state.status === 'loading' && <Loading what="the postmortem draft" />}
      {state.status === 'error' && <ErrorState error={state.error} what="the postmortem draft" />}
      {state.status === 'ok' && <PostmortemBody draft={state.data} />}
      <PostmortemPolish incidentId={props.incidentId} />
      <PostmortemVersions
        incidentId={props.incidentId}
        refreshKey={props.refreshKey}
        onChanged={props.onChanged}
      />
    </section>
  );
}

function PostmortemBody(props: { draft: Postmortem }) {
  const { draft } = props;
  return (
    <div>
      <p className="muted">
        Assembled from stored evidence; every statement cites its source. Causal claims need human
        review.
      </p>
      {QUESTIONS.map(([key, title]) => (
        <div key={key} data-question={key}>
          <h3>{title}</h3>
          <Statements items={draft.questions[key]} />
        </div>
      ))}
      <h3>Root cause</h3>
      <p data-testid="root-cause">
        <strong>{draft.rootCause.category ?? 'undetermined'}</strong>
        {draft.rootCause.layer ? ` · layer ${draft.rootCause.layer}` : ''} ·{' '}
        {draft.driftOrAcute.kind}
      </p>
      <Statements items={[draft.rootCause.reason, draft.driftOrAcute.reason]} />
      <h3>Proof of recovery</h3>
      <Statements items={[draft.recovery.residualRisk]} />
    </div>
  );
}

function Statements(props: { items: readonly Statement[] }) {
  return (
    <ul className="statements">
      {props.items.map((s, i) => (
        <li key={i} className={s.basis === 'missing' ? 'statement-missing' : undefined}>
          {s.basis === 'missing' && <strong>Not answered by the data: </strong>}
          {s.text}
          {s.links.slice(0, 5).map((link) => {
            const href = linkHref(link);
            return href ? (
              <Link key={`${link.kind}:${link.id}`} href={href} className="mono statement-link">
                {link.kind === 'trace' ? elideId(link.id) : link.label}
              </Link>
            ) : null;
          })}
        </li>
      ))}
    </ul>
  );
}

async function download(incidentId: string, format: 'md' | 'yaml') {
  save(`${incidentId}.${format}`, await api.postmortemText(incidentId, format));
}

function save(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `postmortem-${name}`;
  a.click();
  URL.revokeObjectURL(url);
}
