import { DEFAULT_TEXT_SCOPE, TEXT_SCOPES, type Span, type TextScope } from '@glassbox/core/model';
import { useMemo } from 'react';
import { MarkedText } from '../../components/marked-text.js';
import { traceMatches } from '../../view-model/text-match.js';

/** The search a trace page was opened from. */
export interface TraceSearch {
  q: string;
  scope: TextScope;
}

/** The search in a trace page's query string (`?q=…&scope=…`), if any. */
export function searchOf(search: string): TraceSearch | undefined {
  const params = new URLSearchParams(search);
  const q = params.get('q')?.trim();
  if (!q) return undefined;
  const scope = params.get('scope') ?? '';
  return {
    q,
    scope: (TEXT_SCOPES as readonly string[]).includes(scope)
      ? (scope as TextScope)
      : DEFAULT_TEXT_SCOPE,
  };
}

/** Where the list's search matched in this trace, each occurrence marked. */
export function SearchMatches(props: {
  trace: { input?: string; output?: string };
  spans: readonly Span[];
  search: TraceSearch;
  onSelect: (spanId: string) => void;
}) {
  const { search } = props;
  const matches = useMemo(
    () => traceMatches(props.trace, props.spans, search.q, search.scope),
    [props.trace, props.spans, search.q, search.scope],
  );
  return (
    <section
      className="panel search-matches"
      aria-label="Search matches"
      data-testid="search-matches"
    >
      <h2>
        “{search.q}” {matches.length === 0 ? 'does not occur' : 'found'} in{' '}
        {search.scope === 'all'
          ? 'every span'
          : search.scope === 'io'
            ? 'the question and answer'
            : `the ${search.scope === 'input' ? 'question' : 'answer'}`}
      </h2>
      <ul>
        {matches.slice(0, 20).map((m, i) => (
          <li key={i}>
            {m.spanId ? (
              <button
                type="button"
                className="link-button"
                onClick={() => props.onSelect(m.spanId!)}
              >
                {m.where}
              </button>
            ) : (
              <span className="muted">{m.where}</span>
            )}
            : <MarkedText segments={m.snippet} />
          </li>
        ))}
      </ul>
      {matches.length > 20 ? <p className="muted">and {matches.length - 20} more places.</p> : null}
    </section>
  );
}
