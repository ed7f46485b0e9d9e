import type { RetrievedDocument, Span } from '@glassbox/core/model';
import { EmptyState } from '../../components/states.js';
import { formatAge } from '../../view-model/format.js';
import { highlightUsedText } from '../../view-model/highlight-used-text.js';

/** Retrieved documents, best first as returned, with the text the answer reused highlighted. */
export function DocumentsTab(props: { span: Span; answer: string | undefined }) {
  const { span } = props;
  if (span.documents.length === 0) {
    return (
      <EmptyState title="No documents recorded">
        <p>The retriever returned nothing, or its instrumentation does not record documents.</p>
      </EmptyState>
    );
  }
  const now = Date.now();
  return (
    <div data-testid="documents-tab">
      {span.retrievalQuery ? (
        <p className="query">
          <span className="muted">Query</span> {span.retrievalQuery}
        </p>
      ) : null}
      {props.answer ? (
        <p className="muted legend">
          <mark>Highlighted</mark> text appears in the trace's answer.
        </p>
      ) : null}
      <ol className="documents">
        {span.documents.map((doc, i) => (
          <DocumentItem key={doc.id ?? i} doc={doc} rank={i + 1} answer={props.answer} now={now} />
        ))}
      </ol>
    </div>
  );
}

function DocumentItem(props: {
  doc: RetrievedDocument;
  rank: number;
  answer: string | undefined;
  now: number;
}) {
  const { doc } = props;
  const segments = doc.content ? highlightUsedText(doc.content, props.answer ?? '') : [];
  return (
    <li className="document" data-testid="document">
      <div className="document-head">
        <span className="rank">#{props.rank}</span>
        <span className="mono">{doc.id ?? 'untitled'}</span>
        {doc.score !== undefined ? (
          <span className="score" title="retrieval score">
            score {Number(doc.score.toFixed(4))}
          </span>
        ) : null}
        {doc.source ? (
          <span className="source" title={doc.source}>
            {doc.source}
          </span>
        ) : null}
        {doc.ingestedAtMs !== undefined ? (
          <span className="age" title={new Date(doc.ingestedAtMs).toISOString()}>
            ingested {formatAge(doc.ingestedAtMs, props.now)}
          </span>
        ) : null}
      </div>
      {doc.content ? (
        <p className="document-content">
          {segments.map((s, i) =>
            s.used ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>,
          )}
        </p>
      ) : (
        <p className="muted">No content recorded.</p>
      )}
    </li>
  );
}
