import { artifactApi } from '../../api/artifact-api.js';
import { useApi } from '../../api/use-api.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';
import { Link } from '../../router/link.js';
import { paths } from '../../router/match-route.js';
import './artifacts.css';

/** Every artifact of the project (prompts, agents, models, tools) with where its labels point. */
export function ArtifactsPage() {
  const state = useApi('artifacts', (signal) => artifactApi.listArtifacts(signal));
  return (
    <div className="artifacts-page">
      <div className="page-head">
        <h1>Artifacts</h1>
      </div>
      {state.status === 'loading' ? (
        <Loading what="artifacts" />
      ) : state.status === 'error' ? (
        <ErrorState error={state.error} what="artifacts" />
      ) : state.data.items.length === 0 ? (
        <EmptyState title="No artifacts yet" testId="artifacts-empty">
          <p>
            Push a prompt with <code>glassbox prompts push NAME --file prompt.json</code>, then
            point a label at it with <code>glassbox prompts label NAME production VERSION</code>.
          </p>
        </EmptyState>
      ) : (
        <table className="totals list-table" data-testid="artifacts-table">
          <thead>
            <tr>
              <th>Kind</th>
              <th>Name</th>
              <th className="num">Latest</th>
              <th>Labels</th>
            </tr>
          </thead>
          <tbody>
            {state.data.items.map((a) => (
              <tr key={`${a.kind}/${a.name}`} data-artifact={`${a.kind}/${a.name}`}>
                <td>
                  <span className="badge">{a.kind}</span>
                </td>
                <td>
                  <Link href={paths.artifact(a.kind, a.name)} className="row-title">
                    {a.name}
                  </Link>
                </td>
                <td className="num">v{a.latestVersion}</td>
                <td>
                  {Object.entries(a.labels).map(([label, version]) => (
                    <span key={label} className="badge label-chip">
                      {label} → v{version}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
