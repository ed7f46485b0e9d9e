import { useState } from 'react';
import { ApiRequestError } from '../../api/api-client.js';
import { evalApi } from '../../api/eval-api.js';
import { useApi } from '../../api/use-api.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';
import { Link } from '../../router/link.js';
import { paths } from '../../router/match-route.js';
import { navigate } from '../../router/use-location.js';
import { formatTimestamp } from '../../view-model/format.js';
import { CoveragePanel } from './coverage-panel.js';

/** Datasets with their newest version, an import form (CSV or JSONL), and eval coverage. */
export function DatasetsPage() {
  const state = useApi('datasets', (signal) => evalApi.listDatasets(signal));
  return (
    <div className="datasets-page">
      <div className="page-head">
        <h1>Datasets</h1>
        <Link href={paths.runs()}>All runs</Link>
      </div>
      <ImportForm />
      {state.status === 'loading' ? (
        <Loading what="datasets" />
      ) : state.status === 'error' ? (
        <ErrorState error={state.error} what="datasets" />
      ) : state.data.length === 0 ? (
        <EmptyState title="No datasets yet" testId="datasets-empty">
          <p>Import a CSV or JSONL file above, or open a failing trace and add it to a dataset.</p>
        </EmptyState>
      ) : (
        <table className="totals list-table" data-testid="datasets-table">
          <thead>
            <tr>
              <th>Dataset</th>
              <th className="num">Version</th>
              <th className="num">Items</th>
              <th>Written</th>
              <th>Note</th>
            </tr>
          </thead>
          <tbody>
            {state.data.map((d) => (
              <tr key={d.name} data-dataset={d.name}>
                <td>
                  <Link href={paths.dataset(d.name)} className="row-title">
                    {d.name}
                  </Link>
                </td>
                <td className="num">v{d.version}</td>
                <td className="num">{d.itemCount}</td>
                <td>{formatTimestamp(d.createdAtMs)}</td>
                <td>{d.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CoveragePanel />
    </div>
  );
}

function ImportForm() {
  const [name, setName] = useState('');
  const [file, setFile] = useState<File | undefined>();
  const [append, setAppend] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!file || !name) return;
    const format = file.name.endsWith('.csv')
      ? 'csv'
      : file.name.endsWith('.jsonl')
        ? 'jsonl'
        : undefined;
    if (!format) {
      setError(`${file.name}: expected a .csv or .jsonl file`);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await evalApi.importDataset(name, format, await file.text(), append);
      navigate(paths.dataset(name));
    } catch (e) {
      setError(e instanceof ApiRequestError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="filters"
      aria-label="Import a dataset"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label className="field">
        <span>Dataset name</span>
        <input
          name="dataset"
          value={name}
          pattern="[A-Za-z0-9._\-]{1,64}"
          required
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <label className="field">
        <span>File (.csv or .jsonl)</span>
        <input
          type="file"
          name="file"
          accept=".csv,.jsonl"
          required
          onChange={(e) => setFile(e.target.files?.[0])}
        />
      </label>
      <label className="field">
        <span>Append to newest version</span>
        <input type="checkbox" checked={append} onChange={(e) => setAppend(e.target.checked)} />
      </label>
      <button type="submit" disabled={busy}>
        Import
      </button>
      {error ? (
        <p className="error" role="alert" data-testid="import-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
