import './admin-page.css';
import { API_ROUTES, type ResponseOf } from '@glassbox/core/api';
import { call } from '../../api/api-client.js';
import { useApi } from '../../api/use-api.js';
import { ErrorState, Loading } from '../../components/states.js';
import { AuditLogTable } from './audit-log-table.js';
import { DeletionForm } from './deletion-form.js';
import { RetentionForm } from './retention-form.js';
import { useState } from 'react';

type Usage = ResponseOf<typeof API_ROUTES.getUsage>;

/** Bytes for people: 1.2 MB. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '—';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

function UsagePanel(props: { usage: Usage }) {
  const { project, databaseBytes, diskFreeBytes } = props.usage;
  return (
    <section className="panel" data-testid="usage">
      <h2>Storage</h2>
      <dl className="facts">
        <dt>Traces</dt>
        <dd>{project.traces.toLocaleString()}</dd>
        <dt>Spans</dt>
        <dd>{project.spans.toLocaleString()}</dd>
        <dt>Content of this project</dt>
        <dd>{formatBytes(project.contentBytes)}</dd>
        <dt>Whole database</dt>
        <dd>{formatBytes(databaseBytes)}</dd>
        <dt>Free disk</dt>
        <dd>{formatBytes(diskFreeBytes)}</dd>
      </dl>
    </section>
  );
}

/**
 * Data and access: what this project stores, how long it keeps it, deletion on request, and
 * the audit log. Changes need a key with the admin scope; the server says so otherwise.
 */
export function AdminPage() {
  // Bumped after a change so usage and the audit log read again.
  const [version, setVersion] = useState(0);
  const usage = useApi(`usage-${version}`, (signal) => call(API_ROUTES.getUsage, { signal }));
  const changed = () => setVersion((v) => v + 1);
  return (
    <div className="admin-page">
      <h1>Data and access</h1>
      {usage.status === 'error' ? (
        <ErrorState error={usage.error} what="storage usage" />
      ) : (
        // The forms stay mounted while usage reloads after a change, keeping their messages.
        <>
          {usage.status === 'ok' ? (
            <UsagePanel usage={usage.data} />
          ) : (
            <Loading what="storage usage" />
          )}
          <RetentionForm onSaved={changed} />
          <DeletionForm onDeleted={changed} />
          <AuditLogTable version={version} />
        </>
      )}
    </div>
  );
}
