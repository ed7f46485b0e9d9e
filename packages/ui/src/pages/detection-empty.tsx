import type { ReactNode } from 'react';
import { EmptyState } from '../components/states.js';

/** "Nothing detected yet": how detection works and how to see it catch something. */
export function DetectionEmpty(props: { title: string; testId: string; children?: ReactNode }) {
  return (
    <EmptyState title={props.title} testId={props.testId}>
      {props.children}
      <p className="muted">
        Detection runs every few seconds on incoming traces: each monitor learns a baseline from the
        first requests it sees, then watches for shifts. Run <code>glassbox demo</code> to send
        traffic with incidents in it and watch it catch them.
      </p>
    </EmptyState>
  );
}
