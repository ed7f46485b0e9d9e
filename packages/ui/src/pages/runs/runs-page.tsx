import { evalApi } from '../../api/eval-api.js';
import { useApi } from '../../api/use-api.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';
import { RunPicker } from '../datasets/dataset-page.js';

/** Every experiment run, newest first, with the compare picker. */
export function RunsPage(props: { search: string }) {
  const dataset = new URLSearchParams(props.search).get('dataset') ?? undefined;
  const state = useApi(`runs ${dataset ?? ''}`, (signal) =>
    evalApi.listRuns(dataset ? { dataset } : {}, signal),
  );
  return (
    <div className="runs-page">
      <div className="page-head">
        <h1>Runs</h1>
      </div>
      {state.status === 'loading' ? (
        <Loading what="runs" />
      ) : state.status === 'error' ? (
        <ErrorState error={state.error} what="runs" />
      ) : state.data.length === 0 ? (
        <EmptyState title="No runs yet" testId="runs-empty">
          <p>
            Record one with{' '}
            <code>glassbox eval -c promptfooconfig.yaml --dataset NAME --record</code>.
          </p>
        </EmptyState>
      ) : (
        <RunPicker runs={state.data} />
      )}
    </div>
  );
}
