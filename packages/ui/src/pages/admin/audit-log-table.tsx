import { API_ROUTES } from '@glassbox/core/api';
import { call } from '../../api/api-client.js';
import { useApi } from '../../api/use-api.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';

const show = (value: unknown): string =>
  value === null || value === undefined ? '—' : JSON.stringify(value);

/** The audit log, newest first: who (key prefix), when, what, before and after. */
export function AuditLogTable(props: { version: number }) {
  const state = useApi(`audit-${props.version}`, (signal) =>
    call(API_ROUTES.listAuditLog, { signal }),
  );
  return (
    <section className="panel" data-testid="audit-log">
      <h2>Audit log</h2>
      {state.status === 'loading' ? <Loading what="the audit log" /> : null}
      {state.status === 'error' ? <ErrorState error={state.error} what="the audit log" /> : null}
      {state.status === 'ok' && state.data.items.length === 0 ? (
        <EmptyState title="Nothing changed yet" />
      ) : null}
      {state.status === 'ok' && state.data.items.length > 0 ? (
        <table className="audit">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>What</th>
              <th>Target</th>
              <th>Before</th>
              <th>After</th>
            </tr>
          </thead>
          <tbody>
            {state.data.items.map((entry) => (
              <tr key={entry.id}>
                <td>{new Date(entry.atMs).toLocaleString()}</td>
                <td>
                  <code>{entry.actor}</code>
                </td>
                <td>{entry.action}</td>
                <td>{entry.target}</td>
                <td className="json-cell">{show(entry.before)}</td>
                <td className="json-cell">{show(entry.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
