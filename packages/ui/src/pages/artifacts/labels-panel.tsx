import {
  rollbackTarget,
  type ArtifactEvent,
  type ArtifactVersion,
  type LabelGuard,
} from '@glassbox/core/artifacts';
import { useState, type FormEvent } from 'react';
import { ApiRequestError } from '../../api/api-client.js';
import { artifactApi, type ArtifactRef } from '../../api/artifact-api.js';

/** The artifact's labels, each with a rollback: a label move that must say why. */
export function LabelsPanel(props: {
  artifact: ArtifactRef;
  labels: Record<string, number>;
  guards: LabelGuard[];
  versions: ArtifactVersion[];
  history: ArtifactEvent[];
  onMoved: () => void;
}) {
  const guardOf = (label: string) => props.guards.find((g) => g.label === label);
  const [open, setOpen] = useState<string | undefined>();
  const entries = Object.entries(props.labels);
  return (
    <section className="panel" data-testid="labels-panel">
      <h2>Labels</h2>
      {entries.length === 0 ? (
        <p className="muted">
          No label points at a version yet; <code>latest</code> always serves v
          {props.versions.filter((v) => v.revokedAtMs === undefined).at(-1)?.version ?? '—'}.
        </p>
      ) : (
        <table className="totals list-table">
          <thead>
            <tr>
              <th>Label</th>
              <th>Serves</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {entries.map(([label, version]) => (
              <tr key={label} data-label={label}>
                <td>
                  {label}{' '}
                  {guardOf(label)?.protected ? (
                    <span className="badge" title="moves need a passing eval gate or an override">
                      protected
                    </span>
                  ) : null}{' '}
                  {guardOf(label)?.freeze ? (
                    <span
                      className="badge status-error"
                      data-testid={`label-${label}-frozen`}
                      title={guardOf(label)!.freeze!.reason}
                    >
                      frozen
                      {guardOf(label)!.freeze!.incidentId !== undefined
                        ? ` · ${guardOf(label)!.freeze!.incidentId}`
                        : ''}
                    </span>
                  ) : null}
                </td>
                <td data-testid={`label-${label}-version`}>v{version}</td>
                <td>
                  {open === label ? (
                    <RollbackForm
                      {...props}
                      label={label}
                      current={version}
                      isProtected={guardOf(label)?.protected === true}
                      onDone={() => {
                        setOpen(undefined);
                        props.onMoved();
                      }}
                      onCancel={() => setOpen(undefined)}
                    />
                  ) : (
                    <button type="button" onClick={() => setOpen(label)}>
                      Roll back…
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function RollbackForm(props: {
  artifact: ArtifactRef;
  label: string;
  current: number;
  isProtected: boolean;
  versions: ArtifactVersion[];
  history: ArtifactEvent[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const choices = props.versions.filter(
    (v) => v.revokedAtMs === undefined && v.version !== props.current,
  );
  const [version, setVersion] = useState(
    rollbackTarget(props.label, props.current, props.history, props.versions) ??
      choices.at(-1)?.version,
  );
  const [reason, setReason] = useState('');
  const [override, setOverride] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (version === undefined) return;
    if (reason.trim() === '') {
      setError('Say why: the reason is kept in the audit trail.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await artifactApi.moveArtifactLabel(
        { ...props.artifact, label: props.label },
        { version, reason: reason.trim(), actor: 'ui', ...(override ? { override } : {}) },
      );
      props.onDone();
    } catch (caught) {
      setError(
        caught instanceof ApiRequestError ? `${caught.code}: ${caught.message}` : String(caught),
      );
    } finally {
      setBusy(false);
    }
  };
  if (choices.length === 0) {
    return <span className="muted">No other unrevoked version to move to.</span>;
  }
  return (
    <form className="rollback-form" onSubmit={submit} data-testid="rollback-form">
      <label className="field">
        <span>Move {props.label} to</span>
        <select name="version" value={version} onChange={(e) => setVersion(Number(e.target.value))}>
          {choices.map((v) => (
            <option key={v.version} value={v.version}>
              v{v.version}
              {v.message ? ` — ${v.message}` : ''}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Reason</span>
        <input
          name="reason"
          value={reason}
          placeholder="refusals up 4x after v3"
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      {props.isProtected ? (
        <label className="field">
          <span>Without an eval gate</span>
          <input
            type="checkbox"
            name="override"
            checked={override}
            onChange={(e) => setOverride(e.target.checked)}
          />
        </label>
      ) : null}
      <button type="submit" disabled={busy}>
        Move label
      </button>
      <button type="button" className="ghost" onClick={props.onCancel}>
        Cancel
      </button>
      {error ? (
        <p className="form-error" role="alert" data-testid="rollback-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
