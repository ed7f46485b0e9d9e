import type { MatchSegment } from '../view-model/text-match.js';

/** Text with the searched words marked (<mark>), as `matchSegments` split it. */
export function MarkedText(props: { segments: readonly MatchSegment[] }) {
  return (
    <>
      {props.segments.map((s, i) =>
        s.match ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>,
      )}
    </>
  );
}
