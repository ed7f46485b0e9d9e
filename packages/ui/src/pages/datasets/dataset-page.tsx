import type { DatasetItem, ExperimentRunHeader } from '@glassbox/core/evals';
import { useState } from 'react';
import { evalApi, exportPath } from '../../api/eval-api.js';
import { useApi } from '../../api/use-api.js';
import { ErrorState, Loading } from '../../components/states.js';
import { Link } from '../../router/link.js';
import { paths } from '../../router/match-route.js';
import { navigate } from '../../router/use-location.js';
import { formatTimestamp, shortId } from '../../view-model/format.js';

const preview = (value: unknown): string => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
};

/** One dataset: its versions, the items of the chosen one, exports, and its runs. */
export function DatasetPage(props: { name: string; search: string }) {
  const asked = Number(new URLSearchParams(props.search).get('version') ?? '');
  const versions = useApi(`versions ${props.name}`, (signal) =>
    evalApi.listDatasetVersions(props.name, signal),
  );
  if (versions.status === 'loading') return <Loading what="dataset" />;
  if (versions.status === 'error') return <ErrorState error={versions.error} what="dataset" />;
  const newest = versions.data[0]?.version ?? 1;
  const version = versions.data.some((v) => v.version === asked) ? asked : newest;
  return (
    <div className="dataset-page">
      <div className="page-head">
        <h1>
          {props.name} <span className="muted">v{version}</span>
        </h1>
        <label className="field">
          <span>Version</span>
          <select
            name="version"
            value={version}
            onChange={(e) => navigate(`${paths.dataset(props.name)}?version=${e.target.value}`)}
          >
            {versions.data.map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version} · {v.itemCount} items · {formatTimestamp(v.createdAtMs)}
                {v.note ? ` · ${v.note}` : ''}
              </option>
            ))}
          </select>
        </label>
        <a href={exportPath(props.name, version, 'jsonl')} download>
          Export JSONL
        </a>
        <a href={exportPath(props.name, version, 'csv')} download>
          Export CSV
        </a>
      </div>
      <Runs name={props.name} />
      <Items key={version} name={props.name} version={version} />
    </div>
  );
}

function Items(props: { name: string; version: number }) {
  const state = useApi(`items ${props.name}@${props.version}`, (signal) =>
    evalApi.getDatasetItems(props.name, props.version, signal),
  );
  if (state.status === 'loading') return <Loading what="items" />;
  if (state.status === 'error') return <ErrorState error={state.error} what="items" />;
  return (
    <section>
      <h2>Items ({state.data.length})</h2>
      <table className="totals list-table" data-testid="dataset-items">
        <thead>
          <tr>
            <th>Item</th>
            <th>Input variables</th>
            <th>Expected</th>
            <th>Guards</th>
            <th>Source</th>
          </tr>
        </thead>
        <tbody>
          {state.data.map((item: DatasetItem) => (
            <tr key={item.id} data-item-id={item.id}>
              <td>{item.id}</td>
              <td>
                {Object.entries(item.vars).map(([k, v]) => (
                  <div key={k}>
                    <strong>{k}</strong>: {preview(v)}
                  </div>
                ))}
              </td>
              <td>{item.expected ?? ''}</td>
              <td>{[...(item.categories ?? []), ...(item.dimensions ?? [])].join(', ')}</td>
              <td>
                {item.sourceTraceId ? (
                  <Link href={paths.trace(item.sourceTraceId)}>
                    trace {shortId(item.sourceTraceId)}
                  </Link>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The dataset's runs; pick a baseline and a candidate on the same version to compare. */
function Runs(props: { name: string }) {
  const state = useApi(`runs ${props.name}`, (signal) =>
    evalApi.listRuns({ dataset: props.name }, signal),
  );
  if (state.status === 'loading') return <Loading what="runs" />;
  if (state.status === 'error') return <ErrorState error={state.error} what="runs" />;
  if (state.data.length === 0)
    return (
      <p className="muted">
        No runs yet:{' '}
        <code>glassbox eval -c promptfooconfig.yaml --dataset {props.name} --record</code>
      </p>
    );
  return <RunPicker runs={state.data} />;
}

/** A table of runs with baseline and candidate choices, and the compare link. */
export function RunPicker(props: { runs: ExperimentRunHeader[] }) {
  const [baseline, setBaseline] = useState(props.runs[1]?.id ?? '');
  const [candidate, setCandidate] = useState(props.runs[0]?.id ?? '');
  const b = props.runs.find((r) => r.id === baseline);
  const c = props.runs.find((r) => r.id === candidate);
  const comparable =
    b && c && b.id !== c.id && b.dataset === c.dataset && b.datasetVersion === c.datasetVersion;
  return (
    <section>
      <h2>Runs</h2>
      <table className="totals list-table" data-testid="runs-table">
        <thead>
          <tr>
            <th>Baseline</th>
            <th>Candidate</th>
            <th>Run</th>
            <th>Dataset</th>
            <th>Target</th>
            <th className="num">Repeats</th>
            <th className="num">Pass rate</th>
            <th>When</th>
          </tr>
        </thead>
        <tbody>
          {props.runs.map((r) => (
            <tr key={r.id} data-run-id={r.id}>
              <td>
                <input
                  type="radio"
                  name="baseline"
                  aria-label={`baseline ${shortId(r.id)}`}
                  checked={baseline === r.id}
                  onChange={() => setBaseline(r.id)}
                />
              </td>
              <td>
                <input
                  type="radio"
                  name="candidate"
                  aria-label={`candidate ${shortId(r.id)}`}
                  checked={candidate === r.id}
                  onChange={() => setCandidate(r.id)}
                />
              </td>
              <td>
                {shortId(r.id)}
                {r.note ? <div className="muted">{r.note}</div> : null}
              </td>
              <td>
                {r.dataset}@{r.datasetVersion}
              </td>
              <td>{r.target}</td>
              <td className="num">{r.repeats}</td>
              <td className="num">{(r.passRate * 100).toFixed(1)} %</td>
              <td>{formatTimestamp(r.createdAtMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {comparable ? (
        <Link
          href={paths.compare(baseline, candidate)}
          className="button"
          data-testid="compare-link"
        >
          Compare candidate with baseline
        </Link>
      ) : (
        <p className="muted">Choose two runs on the same dataset version to compare.</p>
      )}
    </section>
  );
}
