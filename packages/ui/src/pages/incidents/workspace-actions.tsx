import { useState } from 'react';
import type { Postmortem, TraceSample } from '@glassbox/core/postmortem';
import { useApi } from '../../api/use-api.js';
import { Link } from '../../router/link.js';
import { paths } from '../../router/match-route.js';
import { elideId } from '../../view-model/format.js';
import { useWorkspaceAction } from './use-workspace-action.js';
import { workspaceApi } from './workspace-api.js';

const REPLAY_TRIALS = 5;
const BISECT_TRIALS = 10;
const EVAL_TRIALS = 3;

/**
 * What can be done from the incident, through the existing APIs: roll back an artifact
 * label, replay or bisect a failing trace, add the failing traces to a dataset and run an
 * eval on them, and create a monitor for the signal no monitor watched. Each result re-reads the workspace, whose runbook then ticks itself.
 */
export function WorkspaceActions(props: {
  incidentId: string;
  draft: Postmortem | undefined;
  onChanged: () => void;
}) {
  const { busy, error, run } = useWorkspaceAction(props.onChanged);
  const [result, setResult] = useState<string | undefined>();
  const failing = props.draft?.failingTraces.slice(0, 3) ?? [];
  const missing = props.draft?.detectionGap.unmonitoredCategories ?? [];
  const baseline = props.draft?.recovery.before;
  const act = (what: (author: string) => Promise<string>) =>
    void run(async (author) => setResult(await what(author)));
  return (
    <section
      className="panel workspace-actions"
      aria-label="Actions"
      data-testid="workspace-actions"
    >
      <h2>Actions</h2>
      <RollbackForm incidentId={props.incidentId} busy={busy} act={act} />
      <h3>Replay or bisect a failing trace</h3>
      {failing.length === 0 ? (
        <p className="muted">No failing trace sampled yet.</p>
      ) : (
        <ul className="workspace-action-list">
          {failing.map((t) => (
            <li key={t.traceId} data-trace-id={t.traceId}>
              <Link href={paths.trace(t.traceId)} className="mono">
                {elideId(t.traceId)}
              </Link>{' '}
              <span className="muted">{t.categories.join(', ')}</span>{' '}
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  act(async () => {
                    const trace = await workspaceApi.trace(t.traceId);
                    const llm = trace.spans.find((s) => s.kind === 'llm');
                    if (!llm) throw new Error(`trace ${t.traceId} has no LLM call to replay`);
                    const r = (await workspaceApi.replay(t.traceId, llm.spanId, REPLAY_TRIALS)) as {
                      failures?: number;
                      judged?: number;
                    };
                    return `Replay: ${r.failures ?? '?'} of ${r.judged ?? REPLAY_TRIALS} trials failed.`;
                  })
                }
              >
                Replay ×{REPLAY_TRIALS}
              </button>{' '}
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  act(async () => {
                    const r = await workspaceApi.bisect(t.traceId, BISECT_TRIALS);
                    const verdict = r.verdict as { summary?: string; kind?: string } | null;
                    return `Bisection against ${elideId(r.goodTraceId)}: ${verdict?.summary ?? verdict?.kind ?? 'no factor alone fixes it'}.`;
                  })
                }
              >
                Bisect against the last good trace
              </button>
            </li>
          ))}
        </ul>
      )}
      <EvalForm
        incidentId={props.incidentId}
        failing={props.draft?.failingTraces ?? []}
        busy={busy}
        act={act}
      />
      <h3>Monitor the missing signal</h3>
      {missing.length === 0 ? (
        <p className="muted">Every category of this incident has a monitor.</p>
      ) : (
        <ul className="workspace-action-list">
          {missing.map((category) => (
            <li key={category}>
              <code>finding_rate:{category}</code>{' '}
              <button
                type="button"
                disabled={busy}
                data-monitor-for={category}
                onClick={() =>
                  act(async () => {
                    const id = `incident-${category}`.replace(/[^a-z0-9_.-]/g, '-').slice(0, 64);
                    await workspaceApi.createMonitor({
                      id,
                      name: `${category} rate (after incident ${props.incidentId.slice(0, 8)})`,
                      metric: `finding_rate:${category}`,
                      detector: 'bernoulli_cusum',
                      params: {
                        p0: Math.max(0.005, Math.round((baseline ?? 0.01) * 1000) / 1000),
                        h: 3,
                      },
                      severity: 'warning',
                      notify: [],
                      enabled: true,
                    });
                    return `Monitor ${id} created.`;
                  })
                }
              >
                Create monitor
              </button>
            </li>
          ))}
        </ul>
      )}
      {error ? (
        <p className="workspace-error" role="alert">
          {error}
        </p>
      ) : null}
      {result ? <p data-testid="workspace-action-result">{result}</p> : null}
    </section>
  );
}

/**
 * Failing samples to a dataset, each replayed EVAL_TRIALS times and judged as an eval run;
 * an expected output written for a trace (promptfoo's `__expected` form) is kept on its
 * dataset item and grades the replayed answers too.
 */
function EvalForm(props: {
  incidentId: string;
  failing: readonly TraceSample[];
  busy: boolean;
  act: (what: (author: string) => Promise<string>) => void;
}) {
  const [dataset, setDataset] = useState(`incident-${props.incidentId.slice(0, 8)}`);
  const [expected, setExpected] = useState<Record<string, string>>({});
  const written = Object.fromEntries(
    Object.entries(expected).filter(
      ([id, text]) => text.trim() !== '' && props.failing.some((t) => t.traceId === id),
    ),
  );
  return (
    <form
      className="workspace-eval"
      data-testid="workspace-eval"
      onSubmit={(e) => {
        e.preventDefault();
        props.act(async (author) => {
          const r = await workspaceApi.runEval(props.incidentId, {
            author,
            dataset,
            trials: EVAL_TRIALS,
            ...(Object.keys(written).length > 0
              ? { traceIds: props.failing.map((t) => t.traceId), expected: written }
              : {}),
          });
          const { name, version } = r.dataset as { name: string; version: number };
          const { passRate } = r.run as { passRate: number };
          return `Eval on ${name}@${version}: ${Math.round(passRate * 100)} % of replayed answers passed.`;
        });
      }}
    >
      <h3>Add the failing traces to a dataset and run an eval</h3>
      {props.failing.length === 0 ? (
        <p className="muted">No failing trace sampled yet.</p>
      ) : (
        <>
          <details className="workspace-expected">
            <summary>
              Expected outputs (optional: <code>icontains:14 days</code>, <code>regex:…</code>, or
              the exact answer)
            </summary>
            <ul className="workspace-action-list">
              {props.failing.map((t) => (
                <li key={t.traceId}>
                  <label>
                    <span className="mono">{elideId(t.traceId)}</span>{' '}
                    <span className="muted">{(t.input ?? '').slice(0, 80)}</span>{' '}
                    <input
                      aria-label={`Expected output of ${t.traceId}`}
                      data-expected-for={t.traceId}
                      value={expected[t.traceId] ?? ''}
                      maxLength={4000}
                      onChange={(e) => setExpected({ ...expected, [t.traceId]: e.target.value })}
                    />
                  </label>
                </li>
              ))}
            </ul>
          </details>
          <input
            aria-label="Dataset"
            value={dataset}
            pattern="[A-Za-z0-9._-]{1,64}"
            onChange={(e) => setDataset(e.target.value)}
          />{' '}
          <button type="submit" disabled={props.busy}>
            Add and run eval ×{EVAL_TRIALS}
          </button>
        </>
      )}
    </form>
  );
}

function RollbackForm(props: {
  incidentId: string;
  busy: boolean;
  act: (what: (author: string) => Promise<string>) => void;
}) {
  const artifacts = useApi('artifacts', (signal) => workspaceApi.artifacts(signal));
  const [choice, setChoice] = useState('');
  const [version, setVersion] = useState('');
  if (artifacts.status !== 'ok' || artifacts.data.items.length === 0) {
    return (
      <p className="muted">
        {artifacts.status === 'loading'
          ? 'Reading the registry…'
          : 'No artifact in the registry to roll back.'}
      </p>
    );
  }
  const options = artifacts.data.items.flatMap((a) =>
    Object.entries(a.labels).map(([label, v]) => ({
      key: `${a.kind}/${a.name}/${label}`,
      a,
      label,
      v,
    })),
  );
  const picked = options.find((o) => o.key === choice) ?? options[0];
  if (!picked) return <p className="muted">No artifact label to roll back.</p>;
  const target = Number(version || Math.max(1, picked.v - 1));
  return (
    <form
      className="workspace-rollback"
      onSubmit={(e) => {
        e.preventDefault();
        props.act(async (author) => {
          await workspaceApi.moveLabel(
            { kind: picked.a.kind, name: picked.a.name, label: picked.label },
            {
              version: target,
              reason: `rollback during incident ${props.incidentId}`,
              actor: author,
            },
          );
          return `${picked.a.kind} ${picked.a.name} label ${picked.label} now points at v${target}.`;
        });
      }}
    >
      <h3>Roll back an artifact</h3>
      <select value={picked.key} onChange={(e) => setChoice(e.target.value)}>
        {options.map((o) => (
          <option key={o.key} value={o.key}>
            {o.a.kind} {o.a.name} · {o.label} → v{o.v}
          </option>
        ))}
      </select>{' '}
      to v
      <input
        type="number"
        min={1}
        value={version || String(target)}
        onChange={(e) => setVersion(e.target.value)}
        style={{ width: '5em' }}
      />{' '}
      <button type="submit" disabled={props.busy}>
        Move label
      </button>
    </form>
  );
}
