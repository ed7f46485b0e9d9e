import { useState } from 'react';
import { artifactApi, type ArtifactRef } from '../../api/artifact-api.js';
import { useApi } from '../../api/use-api.js';
import { ErrorState, Loading } from '../../components/states.js';
import { Link } from '../../router/link.js';
import { paths } from '../../router/match-route.js';
import { CanaryPanel } from './canary-panel.js';
import { DrainPanel } from './drain-panel.js';
import { HistoryTable } from './history-table.js';
import { LabelsPanel } from './labels-panel.js';
import { VersionsPanel } from './versions-panel.js';
import './artifacts.css';

/**
 * One artifact: its labels with a rollback, the audit trail, its versions side by side, the
 * canary's gate, and the sessions still pinned to each version.
 */
export function ArtifactPage(props: ArtifactRef) {
  const ref = { kind: props.kind, name: props.name };
  // Bumped after a label move so every panel reads the new state.
  const [revision, setRevision] = useState(0);
  const id = `${ref.kind}/${ref.name}#${revision}`;
  const versions = useApi(`versions ${id}`, (signal) =>
    artifactApi.listArtifactVersions(ref, signal),
  );
  const history = useApi(`history ${id}`, (signal) => artifactApi.artifactHistory(ref, signal));
  const summary = useApi(`summary ${id}`, (signal) => artifactApi.listArtifacts(signal));
  const guards = useApi(`labels ${id}`, (signal) => artifactApi.artifactLabels(ref, signal));
  const labels =
    summary.status === 'ok'
      ? (summary.data.items.find((a) => a.kind === ref.kind && a.name === ref.name)?.labels ?? {})
      : {};
  const production = labels.production;
  return (
    <div className="artifact-page">
      <div className="crumbs">
        <Link href={paths.artifacts()}>Artifacts</Link> / {ref.kind}
      </div>
      <div className="page-head">
        <h1>
          {ref.name} <span className="badge">{ref.kind}</span>
        </h1>
      </div>
      {versions.status === 'loading' ? (
        <Loading what="versions" />
      ) : versions.status === 'error' ? (
        <ErrorState error={versions.error} what={`${ref.kind} ${ref.name}`} />
      ) : (
        <div className="artifact-sections">
          <LabelsPanel
            artifact={ref}
            labels={labels}
            guards={guards.status === 'ok' ? guards.data.items : []}
            versions={versions.data.items}
            history={history.status === 'ok' ? history.data.items : []}
            onMoved={() => setRevision((r) => r + 1)}
          />
          <section className="panel" data-testid="label-history">
            <h2>Label history</h2>
            {history.status === 'loading' ? (
              <Loading what="history" />
            ) : history.status === 'error' ? (
              <ErrorState error={history.error} what="label history" />
            ) : (
              <HistoryTable events={history.data.items} />
            )}
          </section>
          <VersionsPanel versions={versions.data.items} />
          <CanaryPanel
            artifact={ref}
            revision={revision}
            versions={versions.data.items}
            {...(production !== undefined ? { current: production } : {})}
            onStarted={() => setRevision((r) => r + 1)}
          />
          <DrainPanel artifact={ref} revision={revision} />
        </div>
      )}
    </div>
  );
}
