import {
  assertionFromString,
  type AssertionOutcome,
  type DatasetItem,
  type ExperimentRunHeader,
  type RunOutcome,
} from '@glassbox/core/evals';
import {
  checkReplayAssertions,
  planReplay,
  readRecordedCall,
  ReplayError,
  type ReplayAssertion,
  type ReplayOverrides,
} from '@glassbox/core/replay';
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
  /**
   * Expected output per trace id, written by a person in promptfoo's `__expected` form
   * (`icontains:14 days`, `regex:...`, or text to equal); kept on the trace's dataset item.
   */
  expected?: Record<string, string>;
  /** Assertions every replayed answer must pass (promptfoo's `defaultTest.assert`). */
  assertions?: ReplayAssertion[];
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
 * failure categories and passes the promptfoo assertions of its item's expected output (the
 * one written now, or kept from an earlier version) and the request's. The run is recorded on the new dataset version and noted in the
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
  const expected = writtenExpectations(request.expected, traceIds);
  checkReplayAssertions(request.assertions ?? []);
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
    expected,
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
    const assertions = [...expectedAssertions(item), ...(request.assertions ?? [])];
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
        // Written expectations judge beside the classifier, not instead of it.
        ...(assertions.length > 0 ? { assertions, categories: item.categories ?? [] } : {}),
      },
    );
    for (const trial of result.trials) outcomes.push(outcomeOf(item.id, trial, assertions));
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

/**
 * The written expected outputs by trace id, each checked to name a trace of the eval and to
 * be a type a replay can grade (no judge or script runs on a replay).
 */
function writtenExpectations(
  given: Record<string, string> | undefined,
  traceIds: readonly string[],
): Map<string, string> {
  const out = new Map<string, string>();
  for (const [id, text] of Object.entries(given ?? {})) {
    const traceId = lower(id);
    if (!traceIds.includes(traceId))
      throw new IncidentEvalRefused(
        `expected names trace ${id}, which is not among the traces of this eval`,
      );
    if (text.trim() === '')
      throw new IncidentEvalRefused(`expected output of trace ${id} is empty`);
    try {
      checkReplayAssertions([assertionFromString(text)]);
    } catch (error) {
      if (!(error instanceof ReplayError)) throw error;
      throw new IncidentEvalRefused(
        `expected output of trace ${id}: ${error.message.replace(/^assertions\[0\]: /, '')}`,
      );
    }
    out.set(traceId, text);
  }
  return out;
}

/** The assertion of an item's expected output, when a replay can grade it. */
function expectedAssertions(item: DatasetItem): ReplayAssertion[] {
  if (item.expected === undefined) return [];
  const { type, value, threshold } = assertionFromString(item.expected);
  const assertion: ReplayAssertion = {
    type,
    ...(value !== undefined ? { value } : {}),
    ...(threshold !== undefined ? { threshold } : {}),
  };
  try {
    checkReplayAssertions([assertion]);
    return [assertion];
  } catch {
    // An expectation imported with the dataset (a rubric, a script) is graded by `glassbox eval`.
    return [];
  }
}

function outcomeOf(
  itemId: string,
  trial: TrialResult,
  graded: readonly ReplayAssertion[],
): RunOutcome {
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
    assertions:
      trial.failed === null ? [] : assertionOutcomes(graded, trial.assertionFailures ?? []),
  };
}

/** Each graded assertion with its verdict; failures come back as "type: reason". */
function assertionOutcomes(
  graded: readonly ReplayAssertion[],
  failures: readonly string[],
): AssertionOutcome[] {
  const left = [...failures];
  return graded.map((a) => {
    const at = left.findIndex((f) => f.startsWith(`${a.type}: `));
    if (at < 0) return { type: a.type, pass: true, score: 1, reason: 'passed' };
    const [failure] = left.splice(at, 1);
    return { type: a.type, pass: false, score: 0, reason: failure!.slice(a.type.length + 2) };
  });
}

function describeTarget(overrides: ReplayOverrides | undefined): string {
  const changed = Object.entries(overrides ?? {}).map(([key, value]) =>
    typeof value === 'string' && key === 'model' ? `model ${value}` : key,
  );
  return changed.length === 0 ? 'replay as recorded' : `replay with ${changed.join(', ')}`;
}
