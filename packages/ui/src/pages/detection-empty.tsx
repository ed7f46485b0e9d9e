import type { ReactNode } from 'react';
import { EmptyState } from '../components/states.js';
import { Link } from '../router/link.js';
import { paths } from '../router/match-route.js';

/**
 * "Nothing detected yet": how detection works, and what the demo can and cannot show. It
 * promises no catch: a monitor alerts only once armed, which takes its baseline's requests.
 */
export function DetectionEmpty(props: { title: string; testId: string; children?: ReactNode }) {
  return (
    <EmptyState title={props.title} testId={props.testId}>
      {props.children}
      <p className="muted" data-testid="detection-empty-note">
        Detection runs every few seconds on incoming traces. Each monitor first learns a baseline
        from its first matching requests (1,000 for a rate) and judges nothing until it is armed;{' '}
        <Link href={paths.monitors()}>Monitors</Link> shows how far each one is and when it will be
        armed. <code>glassbox demo</code> sends healthy traffic, then incidents: an incident appears
        here only if the monitors it trips were armed before it began.
      </p>
    </EmptyState>
  );
}
