import type { DatasetItem, ExperimentRunHeader, RunOutcome } from '@glassbox/core/evals';
import { planReplay, readRecordedCall, type ReplayOverrides } from '@glassbox/core/replay';
import type { DatasetVersion, Storage } from '@glassbox/store';
import { DatasetService, RunService } from '../evals/index.js';
import { loadTrace, pickLlmSpan, type ReplayPorts } from '../replay/replay-inputs.js';
import { replaySpan, type ReplayProviders, type TrialJudging } from '../replay/index.js';
import type { TrialResult } from '../replay/run-trials.js';
import { gatherPostmortemEvidence } from './gather-postmortem-evidence.js';
import { applyWorkspaceChange, type WorkspacePorts } from './incident-workspace.js';
import { IncidentEvalRefused } from './incident-eval-refused.js';

export interface IncidentEvalRequest {
  author: string;
  dataset: string;
  /** Default: the postmortem's failing samples. */
  traceIds?: string[];
  trials: number;
  overrides?: ReplayOverrides;
}

export interface IncidentEvalPorts {
  workspace: WorkspacePorts;
  storage: Pick<Storage, 'evals' | 'traces' | 'projects'>;
  providers: ReplayProviders;
  judging: TrialJudging;
}

/**
 * Adds an incident's failing traces to a dataset and runs an eval on them: each trace's LLM
 * call is replayed `trials` times (with the overrides, e.g. the model to roll back to) and
 * every answer judged by the classifier; an answer passes when it shows none of the trace's
 * failure categories. The run is recorded on the new dataset version and noted in the
 * workspace by its author, so it shows on the timeline.
 *
 * @example
 * await runIncidentEval(ports, 'default', id, { author: 'ana', dataset: 'incident-42', trials: 3 });
 */
export async function runIncidentEval(
  ports: IncidentEvalPorts,
  projectId: string,
  incidentId: string,
  request: IncidentEvalRequest,
): Promise<{ dataset: DatasetVersion; run: ExperimentRunHeader }> {
  const evidence = await gatherPostmortemEvidence(ports.workspace, projectId, incidentId);
  const traceIds = [
    ...new Set((request.traceIds ?? evidence.failing.map((t) => t.traceId)).map(lower)),
  ];
  if (traceIds.length === 0)
    throw new IncidentEvalRefused(
      `incident ${incidentId} has no failing trace sampled; name the traces in traceIds`,
    );
  // Every trace is checked replayable, and a provider serves its model, before anything is
  // written: a refused eval leaves no dataset version behind.
  const replayPorts: ReplayPorts = ports.storage;
  const spans = new Map<string, string>();
  for (const traceId of traceIds) {
    const loaded = await loadTrace(replayPorts, projectId, traceId);
    const span = pickLlmSpan(loaded);
    const plan = planReplay(readRecordedCall(span, loaded.spans), request.overrides);
    ports.providers.clientFor(plan.request.model);
    spans.set(traceId, span.spanId);
  }
  const datasets = new DatasetService(ports.storage);
  const version = await datasets.addTraces(
    projectId,
    request.dataset,
    traceIds,
    `failing traces of incident ${incidentId}`,
  );
  // The version's item for each trace (the dataset may have held some already).
  const wanted = new Set(traceIds);
  const byTrace = new Map<string, DatasetItem>();
  for (const item of await datasets.items(projectId, request.dataset, version.version)) {
    if (item.sourceTraceId !== undefined && wanted.has(item.sourceTraceId)) {
      byTrace.set(item.sourceTraceId, item);
    }
  }
  const outcomes: RunOutcome[] = [];
  for (const [traceId, item] of byTrace) {
    const result = await replaySpan(
      replayPorts,
      ports.providers,
      projectId,
      traceId,
      spans.get(traceId)!,
      {
        trials: request.trials,
        judging: ports.judging,
        ...(request.overrides ? { overrides: request.overrides } : {}),
      },
    );
    for (const trial of result.trials) outcomes.push(outcomeOf(item.id, trial));
  }
  const target = describeTarget(request.overrides);
  const run = await new RunService(ports.storage).record(projectId, {
    dataset: request.dataset,
    datasetVersion: version.version,
    target,
    repeats: request.trials,
    note: `incident ${incidentId}`,
    outcomes,
  });
  await applyWorkspaceChange(ports.workspace, projectId, incidentId, request.author, {
    type: 'note',
    text: `eval run ${run.id} on ${request.dataset}@${version.version} (${traceIds.length} failing trace${traceIds.length === 1 ? '' : 's'}, ${target}): ${Math.round(run.passRate * 100)} % passed`,
  });
  return { dataset: version, run };
}

const lower = (id: string) => id.toLowerCase();

function outcomeOf(itemId: string, trial: TrialResult): RunOutcome {
  const pass = trial.failed === false;
  const reason =
    trial.failed === null
      ? `no answer: ${trial.error?.message ?? 'the provider gave none'}`
      : trial.failed
        ? `shows ${[...trial.categories, ...(trial.assertionFailures ?? [])].join(', ')}`
        : 'shows none of the trace’s failure categories';
  return {
    itemId,
    repeat: trial.index,
    output: trial.output ?? '',
    pass,
    score: pass ? 1 : 0,
    namedScores: {},
    reason,
    ...(trial.error ? { error: trial.error.message } : {}),
    latencyMs: trial.latencyMs,
    assertions: [],
  };
}

function describeTarget(overrides: ReplayOverrides | undefined): string {
  const changed = Object.entries(overrides ?? {}).map(([key, value]) =>
    typeof value === 'string' && key === 'model' ? `model ${value}` : key,
  );
  return changed.length === 0 ? 'replay as recorded' : `replay with ${changed.join(', ')}`;
}
