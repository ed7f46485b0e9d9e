import { matchSegments } from '../view-model/text-match.js';
import { MarkedText } from './marked-text.js';
import { useSearchHighlight } from './search-highlight.js';

/**
 * Shows text as-is; JSON is pretty-printed so arguments and results are readable. Under a
 * search (SearchHighlight) the searched words are marked.
 */
export function TextBlock(props: { text: string | undefined; empty?: string; testId?: string }) {
  const needle = useSearchHighlight();
  if (props.text === undefined || props.text === '') {
    return <p className="muted">{props.empty ?? 'Empty.'}</p>;
  }
  const text = prettyJson(props.text);
  return (
    <pre className="text-block" data-testid={props.testId}>
      {needle ? <MarkedText segments={matchSegments(text, needle)} /> : text}
    </pre>
  );
}

/** Pretty-prints `text` when it is a JSON object or array, else returns it unchanged. */
export function prettyJson(text: string): string {
  const trimmed = text.trim();
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return text;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return text;
  }
}

/** A two-column key/value list. */
export function KeyValues(props: {
  entries: [string, string | number | undefined][];
  testId?: string;
}) {
  const entries = props.entries.filter(([, v]) => v !== undefined && v !== '');
  if (entries.length === 0) return <p className="muted">Nothing recorded.</p>;
  return (
    <dl className="kv" data-testid={props.testId}>
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd>{String(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
