import { useState } from 'react';
import { ApiRequestError } from '../../api/api-client.js';
import { evalApi } from '../../api/eval-api.js';
import { Link } from '../../router/link.js';
import { paths } from '../../router/match-route.js';

/**
 * "Add to dataset": copies each trace's input, prompt variables, retrieved context and answer
 * into a dataset as new items (one new version for the lot); the dataset is created when new.
 * `label` names what is added when it is more than one trace ("3 selected traces").
 */
export function AddToDatasetButton(props: { traceIds: readonly string[]; label?: string }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('regressions');
  const [result, setResult] = useState<
    { ok: true; name: string; version: number } | { ok: false; message: string } | undefined
  >();
  if (!open)
    return (
      <button
        type="button"
        className="ghost"
        onClick={() => setOpen(true)}
        disabled={props.traceIds.length === 0}
        data-testid="add-to-dataset"
      >
        {props.label ? `Add ${props.label} to dataset` : 'Add to dataset'}
      </button>
    );
  return (
    <form
      className="add-to-dataset"
      aria-label="Add to dataset"
      onSubmit={(e) => {
        e.preventDefault();
        evalApi.addTraces(name, [...props.traceIds]).then(
          (v) => setResult({ ok: true, name: v.name, version: v.version }),
          (error: unknown) =>
            setResult({
              ok: false,
              message: error instanceof ApiRequestError ? error.message : String(error),
            }),
        );
      }}
    >
      <label className="field">
        <span>Dataset</span>
        <input
          name="dataset-name"
          value={name}
          required
          pattern="[A-Za-z0-9._\-]{1,64}"
          onChange={(e) => setName(e.target.value)}
          autoFocus
        />
      </label>
      <button type="submit">Add</button>
      {result?.ok ? (
        <span role="status" data-testid="added-to-dataset">
          Added to <Link href={paths.dataset(result.name)}>{result.name}</Link> v{result.version}
        </span>
      ) : result ? (
        <span role="alert" className="error">
          {result.message}
        </span>
      ) : null}
    </form>
  );
}
