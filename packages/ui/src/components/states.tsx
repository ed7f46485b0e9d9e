import type { ReactNode } from 'react';
import type { ApiRequestError } from '../api/api-client.js';

/** A calm explanation of why there is nothing to show, and what to do about it. */
export function EmptyState(props: { title: string; children?: ReactNode; testId?: string }) {
  return (
    <div className="state" role="status" data-testid={props.testId ?? 'empty-state'}>
      <h2>{props.title}</h2>
      {props.children}
    </div>
  );
}

/** A failed request: what went wrong, in the server's words, and the next step. */
export function ErrorState(props: { error: ApiRequestError; what: string; hint?: ReactNode }) {
  const { error } = props;
  const hint =
    props.hint ??
    (error.code === 'network'
      ? 'Check that `glassbox serve` is running and reachable, then reload.'
      : error.status === 401
        ? 'This server requires an API key; open the UI through a session that sends one.'
        : error.status === 400
          ? 'A filter value was refused; change or clear the filters.'
          : 'Reload the page; if it keeps failing, check the server log.');
  return (
    <div className="state state-error" role="alert" data-testid="error-state">
      <h2>Could not load {props.what}</h2>
      <p>
        <code>{error.code}</code> {error.message}
      </p>
      <p className="muted">{hint}</p>
    </div>
  );
}

export function Loading(props: { what: string }) {
  return (
    <div className="state loading" role="status" aria-live="polite">
      Loading {props.what}…
    </div>
  );
}
