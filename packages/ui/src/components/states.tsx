import { useState, type FormEvent, type ReactNode } from 'react';
import { storeApiKey, storedApiKey } from '../api/api-key.js';
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
  if (error.status === 401) return <ApiKeyForm message={error.message} />;
  const hint =
    props.hint ??
    (error.code === 'network'
      ? 'Check that `glassbox serve` is running and reachable, then reload.'
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

/** Asks for the API key when the server refuses unauthenticated reads. */
function ApiKeyForm(props: { message: string }) {
  const [key, setKey] = useState('');
  const hadKey = storedApiKey() !== undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    storeApiKey(key.trim() || undefined);
    window.location.reload();
  };
  return (
    <form className="state api-key-form" onSubmit={submit} data-testid="api-key-form">
      <h2>{hadKey ? 'The stored API key was refused' : 'This server requires an API key'}</h2>
      <p className="muted">{props.message}</p>
      <p>
        Create one with <code>glassbox keys create --project NAME</code> and paste it here. It is
        kept in this tab only (session storage, gone when the tab closes or you sign out) and sent
        as <code>Authorization: Bearer</code>.
      </p>
      <input
        type="password"
        name="apiKey"
        aria-label="API key"
        autoComplete="off"
        placeholder="gbx_…"
        value={key}
        onChange={(e) => setKey(e.target.value)}
      />{' '}
      <button type="submit" className="primary" disabled={!key.trim()}>
        Sign in
      </button>
    </form>
  );
}
