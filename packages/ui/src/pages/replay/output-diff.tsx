import { useMemo } from 'react';
import { diffWords } from '../../view-model/word-diff.js';

/** A replayed output against the recorded one, word by word: removed struck, added marked. */
export function OutputDiff(props: { recorded: string; replayed: string }) {
  const parts = useMemo(
    () => diffWords(props.recorded, props.replayed),
    [props.recorded, props.replayed],
  );
  if (props.recorded === props.replayed)
    return <p className="muted">Identical to the recorded output.</p>;
  return (
    <pre className="text-block output-diff" data-testid="output-diff">
      {parts.map((part, i) =>
        part.kind === 'same' ? (
          <span key={i}>{part.text}</span>
        ) : part.kind === 'added' ? (
          <ins key={i}>{part.text}</ins>
        ) : (
          <del key={i}>{part.text}</del>
        ),
      )}
    </pre>
  );
}
