import { useState } from 'react';
import { useApi } from '../../api/use-api.js';
import { formatTimestamp } from '../../view-model/format.js';
import { useWorkspaceAction } from './use-workspace-action.js';
import { workspaceApi } from './workspace-api.js';

/**
 * The postmortem as people edit it: version 0 is the draft generated from the evidence, each
 * save a new numbered version; any version can be read back.
 */
export function PostmortemVersions(props: {
  incidentId: string;
  refreshKey: number;
  onChanged: () => void;
}) {
  const { incidentId } = props;
  const versions = useApi(`pm-versions:${incidentId}:${props.refreshKey}`, (signal) =>
    workspaceApi.versions(incidentId, signal),
  );
  const [shown, setShown] = useState('latest');
  const text = useApi(`pm-version:${incidentId}:${shown}:${props.refreshKey}`, (signal) =>
    workspaceApi.version(incidentId, shown, signal),
  );
  const [editing, setEditing] = useState<string | undefined>();
  const { busy, error, run } = useWorkspaceAction(props.onChanged);
  return (
    <div className="postmortem-versions" data-testid="postmortem-versions">
      <h3>Reviewed versions</h3>
      <div>
        <select
          value={shown}
          onChange={(e) => setShown(e.target.value)}
          data-testid="postmortem-version-select"
        >
          <option value="latest">latest</option>
          {versions.status === 'ok' &&
            versions.data.items.map((v) => (
              <option key={v.version} value={String(v.version)}>
                {v.version === 0
                  ? '0 · generated draft'
                  : `${v.version} · ${v.author} · ${formatTimestamp(v.atMs)}`}
              </option>
            ))}
        </select>{' '}
        {editing === undefined ? (
          <button
            type="button"
            disabled={text.status !== 'ok'}
            data-testid="postmortem-edit"
            onClick={() => text.status === 'ok' && setEditing(text.data.text)}
          >
            Edit
          </button>
        ) : (
          <>
            <button
              type="button"
              disabled={busy}
              data-testid="postmortem-save"
              onClick={() =>
                void run((author) =>
                  workspaceApi.saveVersion(incidentId, { author, text: editing }),
                ).then((ok) => {
                  if (ok) {
                    setEditing(undefined);
                    setShown('latest');
                  }
                })
              }
            >
              Save as new version
            </button>{' '}
            <button type="button" onClick={() => setEditing(undefined)}>
              Cancel
            </button>
          </>
        )}
      </div>
      {error ? (
        <p className="workspace-error" role="alert">
          {error}
        </p>
      ) : null}
      {editing !== undefined ? (
        <textarea
          className="postmortem-editor"
          rows={20}
          value={editing}
          data-testid="postmortem-editor"
          onChange={(e) => setEditing(e.target.value)}
        />
      ) : text.status === 'ok' ? (
        <div>
          <p className="muted" data-testid="postmortem-version-shown">
            Version {text.data.version} · {text.data.author} · {formatTimestamp(text.data.atMs)}
          </p>
          <pre className="postmortem-text">{text.data.text}</pre>
        </div>
      ) : null}
    </div>
  );
}
