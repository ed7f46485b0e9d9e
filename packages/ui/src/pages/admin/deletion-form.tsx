import { API_ROUTES } from '@glassbox/core/api';
import { useState, type FormEvent } from 'react';
import { ApiRequestError, call } from '../../api/api-client.js';

const KINDS = { userId: 'User id', sessionId: 'Session id', traceId: 'Trace id' } as const;
type Kind = keyof typeof KINDS;

/** Deletion on request: every trace of one user, session or trace id, after a confirmation. */
export function DeletionForm(props: { onDeleted: () => void }) {
  const [kind, setKind] = useState<Kind>('userId');
  const [id, setId] = useState('');
  const [message, setMessage] = useState<string | undefined>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = id.trim();
    if (!value) return;
    if (!window.confirm(`Delete every trace of ${KINDS[kind].toLowerCase()} "${value}"?`)) return;
    try {
      const result = await call(API_ROUTES.deleteData, { body: { [kind]: value } });
      setMessage(`Deleted ${result.traces} traces (${result.spans} spans).`);
      setId('');
      props.onDeleted();
    } catch (error) {
      setMessage(error instanceof ApiRequestError ? error.message : String(error));
    }
  };
  return (
    <form className="panel" onSubmit={submit} data-testid="deletion-form">
      <h2>Delete on request</h2>
      <p className="muted">
        Removes the traces with their spans, findings, search text, observations, replays, online
        eval scores and review items in one transaction, and records it in the audit log.
      </p>
      <select
        name="kind"
        aria-label="Delete by"
        value={kind}
        onChange={(e) => setKind(e.target.value as Kind)}
      >
        {Object.entries(KINDS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>{' '}
      <input
        name="deleteId"
        aria-label="Id to delete"
        value={id}
        onChange={(e) => setId(e.target.value)}
      />{' '}
      <button type="submit" className="danger" disabled={!id.trim()}>
        Delete
      </button>
      {message ? (
        <p role="status" data-testid="deletion-message">
          {message}
        </p>
      ) : null}
    </form>
  );
}
