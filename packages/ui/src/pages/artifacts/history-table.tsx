import type { ArtifactEvent } from '@glassbox/core/artifacts';
import { formatTimestamp } from '../../view-model/format.js';

const what = (e: ArtifactEvent): { event: string; from?: string; to?: string } => {
  switch (e.type) {
    case 'label_moved':
      return {
        event: `${e.label} moved`,
        ...(e.from !== undefined ? { from: `v${e.from}` } : {}),
        to: `v${e.to}`,
      };
    case 'version_revoked':
      return { event: 'version revoked', to: `v${e.version}` };
    case 'canary_started':
      return { event: 'canary started', to: `v${e.version}` };
    case 'canary_killed':
      return { event: 'canary killed', to: `v${e.version}` };
    default:
      return { event: (e as { type: string }).type.replace(/_/g, ' ') };
  }
};

/** The audit trail, newest first: who moved what, when, from which version to which, and why. */
export function HistoryTable(props: { events: ArtifactEvent[] }) {
  if (props.events.length === 0) return <p className="muted">No label has moved yet.</p>;
  return (
    <table className="totals list-table" data-testid="history-table">
      <thead>
        <tr>
          <th>When</th>
          <th>Who</th>
          <th>Event</th>
          <th>From</th>
          <th>To</th>
          <th>Why</th>
        </tr>
      </thead>
      <tbody>
        {props.events.map((e) => {
          const row = what(e);
          return (
            <tr key={e.seq} data-seq={e.seq} data-type={e.type}>
              <td>{formatTimestamp(e.atMs)}</td>
              <td>{e.actor}</td>
              <td>{row.event}</td>
              <td>{row.from ?? '—'}</td>
              <td>{row.to ?? '—'}</td>
              <td>{e.reason}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
