import './admin-page.css';
import {
  API_KEY_SCOPES,
  API_ROUTES,
  DEFAULT_KEY_SCOPES,
  type ApiKeyScope,
  type ResponseOf,
} from '@glassbox/core/api';
import { useState, type FormEvent } from 'react';
import { ApiRequestError, call } from '../../api/api-client.js';
import { useApi } from '../../api/use-api.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';
import { formatTimestamp } from '../../view-model/format.js';
import { graceSeconds, keyStatus } from '../../view-model/key-status.js';

type KeyRecord = ResponseOf<typeof API_ROUTES.listApiKeys>['items'][number];

const when = (ms: number | null): string => (ms === null ? '—' : formatTimestamp(ms));
const messageOf = (error: unknown): string =>
  error instanceof ApiRequestError ? error.message : String(error);

/** A key just issued: shown once, since the server keeps only its hash. */
function NewKey(props: { issued: { key: string; prefix: string } }) {
  return (
    <div className="panel new-key" role="status" data-testid="new-key">
      <p>
        New key <code>{props.issued.prefix}</code>. Copy it now: it is not shown again.
      </p>
      <code className="key-text" data-testid="new-key-text">
        {props.issued.key}
      </code>
    </div>
  );
}

function CreateKeyForm(props: { onCreated: (key: string, record: KeyRecord) => void }) {
  const [scopes, setScopes] = useState<ApiKeyScope[]>([...DEFAULT_KEY_SCOPES]);
  const [days, setDays] = useState('');
  const [error, setError] = useState<string | undefined>();
  const toggle = (scope: ApiKeyScope, on: boolean) =>
    setScopes((list) => (on ? [...list, scope] : list.filter((s) => s !== scope)));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const expiresInDays = days.trim() === '' ? undefined : Number(days);
    if (expiresInDays !== undefined && !(Number.isInteger(expiresInDays) && expiresInDays > 0)) {
      setError('Expiry must be a whole number of days, or empty for none.');
      return;
    }
    try {
      const created = await call(API_ROUTES.createApiKey, {
        body: { scopes, ...(expiresInDays ? { expiresInDays } : {}) },
      });
      setError(undefined);
      props.onCreated(created.key, created.record);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <form className="panel" onSubmit={submit} data-testid="create-key-form">
      <h2>Create a key</h2>
      <p className="muted">
        Apps need only <code>ingest</code>; people and the CLI need <code>read</code>, and{' '}
        <code>admin</code> to change settings, monitors, keys and artifacts or to delete data.
      </p>
      {API_KEY_SCOPES.map((scope) => (
        <label key={scope} className="scope-choice">
          <input
            type="checkbox"
            name={`scope-${scope}`}
            checked={scopes.includes(scope)}
            onChange={(e) => toggle(scope, e.target.checked)}
          />{' '}
          {scope}
        </label>
      ))}{' '}
      <label>
        Expires after (days){' '}
        <input
          name="expiresInDays"
          inputMode="numeric"
          placeholder="never"
          value={days}
          onChange={(e) => setDays(e.target.value)}
        />
      </label>{' '}
      <button type="submit" disabled={scopes.length === 0}>
        Create key
      </button>
      {error ? (
        <p role="alert" data-testid="create-key-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}

function KeysTable(props: {
  keys: readonly KeyRecord[];
  onRotate: (key: KeyRecord) => void;
  onRevoke: (key: KeyRecord) => void;
}) {
  const now = Date.now();
  return (
    <table className="audit" data-testid="keys-table">
      <thead>
        <tr>
          <th>Prefix</th>
          <th>Scopes</th>
          <th>Created</th>
          <th>Last used</th>
          <th>Expires</th>
          <th>Status</th>
          <th>Actions</th>
        </tr>
      </thead>
      <tbody>
        {props.keys.map((key) => {
          const status = keyStatus(key, now);
          return (
            <tr key={key.id} data-prefix={key.prefix}>
              <td>
                <code>{key.prefix}</code>
              </td>
              <td>{key.scopes.join(', ')}</td>
              <td>{when(key.createdAtMs)}</td>
              <td>{when(key.lastUsedAtMs)}</td>
              <td>{when(key.expiresAtMs)}</td>
              <td data-testid="key-status">{status}</td>
              <td>
                {status === 'revoked' ? null : (
                  <>
                    <button type="button" onClick={() => props.onRotate(key)}>
                      Rotate
                    </button>{' '}
                    <button type="button" className="danger" onClick={() => props.onRevoke(key)}>
                      Revoke
                    </button>
                  </>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * The project's API keys: list (never the keys themselves), create, rotate with a grace
 * period, revoke. Every action needs the admin scope and lands in the audit log.
 */
export function KeysPage() {
  // Bumped after a change so the list reads again.
  const [version, setVersion] = useState(0);
  const [issued, setIssued] = useState<{ key: string; prefix: string } | undefined>();
  const [grace, setGrace] = useState('24');
  const [message, setMessage] = useState<string | undefined>();
  const keys = useApi(`keys-${version}`, (signal) => call(API_ROUTES.listApiKeys, { signal }));
  const changed = (text: string) => {
    setMessage(text);
    setVersion((v) => v + 1);
  };
  const rotate = async (key: KeyRecord) => {
    const seconds = graceSeconds(grace);
    if (seconds === undefined) {
      setMessage('The grace period must be between 0 and 720 hours.');
      return;
    }
    try {
      const rotated = await call(API_ROUTES.rotateApiKey, {
        params: { id: key.id },
        body: { graceSeconds: seconds },
      });
      setIssued({ key: rotated.key, prefix: rotated.record.prefix });
      changed(`Rotated ${key.prefix}: it stays valid until ${when(rotated.old.expiresAtMs)}.`);
    } catch (e) {
      setMessage(messageOf(e));
    }
  };
  const revoke = async (key: KeyRecord) => {
    if (!window.confirm(`Revoke key ${key.prefix}? Requests with it fail from now on.`)) return;
    try {
      await call(API_ROUTES.revokeApiKey, { params: { id: key.id } });
      changed(`Revoked ${key.prefix}.`);
    } catch (e) {
      setMessage(messageOf(e));
    }
  };
  return (
    <div className="admin-page">
      <h1>API keys</h1>
      {issued ? <NewKey issued={issued} /> : null}
      <CreateKeyForm
        onCreated={(key, record) => {
          setIssued({ key, prefix: record.prefix });
          changed(`Created ${record.prefix}.`);
        }}
      />
      <section className="panel" data-testid="keys">
        <h2>Keys of this project</h2>
        <label>
          Rotation keeps the old key valid for (hours){' '}
          <input
            name="graceHours"
            inputMode="decimal"
            value={grace}
            onChange={(e) => setGrace(e.target.value)}
          />
        </label>
        {message ? (
          <p role="status" data-testid="keys-message">
            {message}
          </p>
        ) : null}
        {keys.status === 'loading' ? <Loading what="the keys" /> : null}
        {keys.status === 'error' ? <ErrorState error={keys.error} what="the keys" /> : null}
        {keys.status === 'ok' && keys.data.items.length === 0 ? (
          <EmptyState title="No keys: the server accepts requests without one on loopback" />
        ) : null}
        {keys.status === 'ok' && keys.data.items.length > 0 ? (
          <KeysTable keys={keys.data.items} onRotate={rotate} onRevoke={revoke} />
        ) : null}
      </section>
    </div>
  );
}
