import { useState, type FormEvent } from 'react';
import type { ArtifactVersion } from '@glassbox/core/artifacts';
import { scoredEvaluatorNames, type SamplingRule } from '@glassbox/core/evals';
import { ApiRequestError } from '../../api/api-client.js';
import { artifactApi, type ArtifactRef } from '../../api/artifact-api.js';
import { useApi } from '../../api/use-api.js';

/** `1, 5, 25` as numbers; undefined when a part is not a number. */
function parseRamp(text: string): number[] | undefined {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length === 1 && parts[0] === '') return [];
  const numbers = parts.map(Number);
  return parts.every((p) => p !== '') && numbers.every(Number.isFinite) ? numbers : undefined;
}

/**
 * Starts a canary of one version: share and unit, a ramp, the minimum sample, and which
 * online evaluators gate it besides errors (those the project's sampling rules score).
 */
export function CanaryForm(props: {
  artifact: ArtifactRef;
  versions: ArtifactVersion[];
  /** The version the production label serves: not a canary of itself. */
  current?: number;
  onStarted: () => void;
}) {
  const rules = useApi('online-eval rules', (signal) => artifactApi.samplingRules(signal));
  const scored =
    rules.status === 'ok' ? scoredEvaluatorNames(rules.data.rules as SamplingRule[]) : [];
  const choices = props.versions.filter(
    (v) => v.revokedAtMs === undefined && v.version !== props.current,
  );
  const [version, setVersion] = useState(choices.at(-1)?.version);
  const [percent, setPercent] = useState('5');
  const [unit, setUnit] = useState('user');
  const [ramp, setRamp] = useState('25, 100');
  const [minSamples, setMinSamples] = useState('');
  const [evaluators, setEvaluators] = useState<string[]>([]);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  if (choices.length === 0) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const steps = parseRamp(ramp);
    if (version === undefined || steps === undefined) {
      setError('Ramp: percents separated by commas, e.g. 25, 100.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await artifactApi.startArtifactCanary(props.artifact, {
        version,
        percent: Number(percent),
        unit,
        ramp: steps,
        evaluators,
        ...(minSamples.trim() !== '' ? { minSamples: Number(minSamples) } : {}),
        actor: 'ui',
      });
      props.onStarted();
    } catch (caught) {
      setError(
        caught instanceof ApiRequestError ? `${caught.code}: ${caught.message}` : String(caught),
      );
    } finally {
      setBusy(false);
    }
  };
  const toggle = (name: string, on: boolean) =>
    setEvaluators((list) => (on ? [...list, name] : list.filter((n) => n !== name)));

  return (
    <form className="canary-form" onSubmit={submit} data-testid="canary-form">
      <label className="field">
        <span>Version</span>
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
        <span>Percent</span>
        <input
          name="percent"
          value={percent}
          inputMode="decimal"
          onChange={(e) => setPercent(e.target.value)}
        />
      </label>
      <label className="field">
        <span>Unit</span>
        <select name="unit" value={unit} onChange={(e) => setUnit(e.target.value)}>
          <option value="user">user</option>
          <option value="session">session</option>
        </select>
      </label>
      <label className="field">
        <span>Ramp</span>
        <input name="ramp" value={ramp} onChange={(e) => setRamp(e.target.value)} />
      </label>
      <label className="field">
        <span>Min per arm</span>
        <input
          name="minSamples"
          value={minSamples}
          placeholder="default"
          inputMode="numeric"
          onChange={(e) => setMinSamples(e.target.value)}
        />
      </label>
      <fieldset className="field" data-testid="canary-evaluators">
        <legend>Gate on errors and</legend>
        {scored.length === 0 ? (
          <span className="muted">
            no online evaluator scores this project (add a sampling rule to gate on one)
          </span>
        ) : (
          scored.map((name) => (
            <label key={name}>
              <input
                type="checkbox"
                name="evaluator"
                value={name}
                checked={evaluators.includes(name)}
                onChange={(e) => toggle(name, e.target.checked)}
              />{' '}
              {name}
            </label>
          ))
        )}
      </fieldset>
      <button type="submit" disabled={busy}>
        Start canary
      </button>
      {error ? (
        <p className="form-error" role="alert" data-testid="canary-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
