import { useState } from 'react';
import type { IncidentWorkspaceView } from '@glassbox/core/api';
import {
  INCIDENT_SEVERITIES,
  STATUS_TRANSITIONS,
  type IncidentSeverity,
  type RunbookItem,
} from '@glassbox/core/incidents';
import { formatTimestamp } from '../../view-model/format.js';
import { storeAuthor, storedAuthor, workspaceApi } from './workspace-api.js';
import { useWorkspaceAction } from './use-workspace-action.js';

const STATUS_LABEL: Record<string, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolve',
};

/**
 * What people set on the incident: status (with the moves its lifecycle allows, reopen
 * included), severity, owner, notes and the runbook. Every action is recorded with the name
 * entered here.
 */
export function WorkspacePanel(props: {
  incidentId: string;
  view: IncidentWorkspaceView;
  onChanged: () => void;
}) {
  const { incidentId, view, onChanged } = props;
  const { state, runbook } = view;
  const { busy, error, run } = useWorkspaceAction(onChanged);
  const [author, setAuthor] = useState(storedAuthor());
  const [owner, setOwner] = useState(state.owner ?? '');
  const [note, setNote] = useState('');
  return (
    <section className="panel workspace-panel" aria-label="Workspace" data-testid="workspace">
      <div className="panel-heading">
        <h2>Workspace</h2>
        <label className="workspace-author">
          Your name{' '}
          <input
            value={author}
            data-testid="workspace-author"
            onChange={(e) => {
              setAuthor(e.target.value);
              storeAuthor(e.target.value);
            }}
          />
        </label>
      </div>
      <div className="workspace-controls">
        <div>
          Status{' '}
          <strong data-testid="workspace-status" data-status={state.status}>
            {state.status}
          </strong>
          {state.reopened > 0 ? <span className="muted"> (reopened {state.reopened}×)</span> : null}
          <span className="workspace-moves">
            {STATUS_TRANSITIONS[state.status].map((to) => (
              <button
                key={to}
                type="button"
                disabled={busy}
                data-status-to={to}
                onClick={() =>
                  void run((a) => workspaceApi.setStatus(incidentId, { author: a, status: to }))
                }
              >
                {state.status === 'resolved' ? 'Reopen' : STATUS_LABEL[to]}
              </button>
            ))}
          </span>
        </div>
        <label>
          Severity{' '}
          <select
            value={state.severity}
            disabled={busy}
            data-testid="workspace-severity"
            onChange={(e) =>
              void run((a) =>
                workspaceApi.setSeverity(incidentId, {
                  author: a,
                  severity: e.target.value as IncidentSeverity,
                }),
              )
            }
          >
            {INCIDENT_SEVERITIES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
          {state.severitySet ? null : <span className="muted"> suggested by detection</span>}
        </label>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run((a) =>
              workspaceApi.setOwner(incidentId, { author: a, owner: owner.trim() || null }),
            );
          }}
        >
          Owner{' '}
          <input
            value={owner}
            data-testid="workspace-owner"
            onChange={(e) => setOwner(e.target.value)}
          />{' '}
          <button type="submit" disabled={busy}>
            Assign
          </button>
        </form>
      </div>
      {error ? (
        <p className="workspace-error" role="alert" data-testid="workspace-error">
          {error}
        </p>
      ) : null}
      <div className="workspace-split">
        <div>
          <h3>
            Runbook{' '}
            <span className="muted" data-testid="runbook-progress">
              {runbook.done}/{runbook.total}
            </span>
          </h3>
          {runbook.phases.map((phase) => (
            <div key={phase.id} className="runbook-phase" data-phase={phase.id}>
              <h4>
                {phase.title}{' '}
                <span className="muted">
                  {phase.window} · due {formatTimestamp(phase.dueAtMs)}
                </span>
              </h4>
              <ul className="runbook-items">
                {phase.items.map((item) => (
                  <RunbookRow
                    key={item.id}
                    item={item}
                    busy={busy}
                    onTick={(done) =>
                      void run((a) => workspaceApi.tick(incidentId, item.id, { author: a, done }))
                    }
                  />
                ))}
              </ul>
            </div>
          ))}
        </div>
        <div>
          <h3>Notes</h3>
          <form
            className="workspace-note-form"
            onSubmit={(e) => {
              e.preventDefault();
              void run((a) => workspaceApi.addNote(incidentId, { author: a, text: note })).then(
                (ok) => ok && setNote(''),
              );
            }}
          >
            <textarea
              value={note}
              rows={3}
              data-testid="workspace-note"
              placeholder="What you saw, tried or decided"
              onChange={(e) => setNote(e.target.value)}
            />
            <button type="submit" disabled={busy}>
              Add note
            </button>
          </form>
          <ul className="workspace-notes" data-testid="workspace-notes">
            {state.notes
              .slice()
              .reverse()
              .map((n) => (
                <li key={n.seq}>
                  <div className="muted">
                    {n.author} · {formatTimestamp(n.atMs)}
                  </div>
                  <div>{n.text}</div>
                </li>
              ))}
          </ul>
        </div>
      </div>
    </section>
  );
}

function RunbookRow(props: { item: RunbookItem; busy: boolean; onTick: (done: boolean) => void }) {
  const { item } = props;
  const seen = item.by === 'glassbox';
  return (
    <li data-item={item.id} data-done={item.done} data-by={item.by ?? ''}>
      <label>
        <input
          type="checkbox"
          checked={item.done}
          disabled={props.busy || (item.done && item.by === 'glassbox')}
          onChange={(e) => props.onTick(e.target.checked)}
        />{' '}
        {item.text}
      </label>
      {item.done ? (
        <span className="muted runbook-who">
          {' '}
          — {seen ? 'seen by Glassbox' : 'ticked'} {item.author ? `by ${item.author}` : ''}{' '}
          {item.atMs ? formatTimestamp(item.atMs) : ''}
          {item.evidence ? ` (${item.evidence})` : ''}
        </span>
      ) : item.automatic ? (
        <span className="muted runbook-who"> — ticks itself when Glassbox sees it</span>
      ) : null}
    </li>
  );
}
