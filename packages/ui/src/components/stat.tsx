import type { ReactNode } from 'react';

/** One labelled figure in a `.stats` row. */
export function Stat(props: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="stat" data-testid={props.testId}>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}
