import { randomUUID } from 'node:crypto';
import {
  compareRuns,
  EVAL_ERROR_CODES,
  EvalError,
  runItemResults,
  type DatasetItem,
  type ExperimentRun,
  type ExperimentRunHeader,
  type RunComparison,
  type RunOutcome,
} from '@glassbox/core/evals';
import type { Storage } from '@glassbox/store';
import { EvalNotFound } from './eval-service-error.js';

export interface NewRun {
  dataset: string;
  datasetVersion: number;
  target: string;
  repeats: number;
  note?: string;
  outcomes: RunOutcome[];
}

/** One item of a comparison, side by side: its inputs and each run's outcomes per repeat. */
export interface ComparedItem {
  itemId: string;
  vars: Record<string, unknown>;
  expected?: string;
  sourceTraceId?: string;
  baseline: RunOutcome[];
  candidate: RunOutcome[];
}

export interface RunComparisonView {
  baseline: ExperimentRunHeader;
  candidate: ExperimentRunHeader;
  comparison: RunComparison;
  items: ComparedItem[];
}

const header = ({ outcomes: _outcomes, ...rest }: ExperimentRun): ExperimentRunHeader => rest;

/**
 * Experiment runs for the API: a run is checked against its dataset version before it is
 * stored; two runs on the same version compare with core's paired statistics.
 *
 * @example
 * const view = await new RunService(storage).compare('default', candidateId, baselineId);
 */
export class RunService {
  constructor(private readonly storage: Pick<Storage, 'evals'>) {}

  async record(projectId: string, run: NewRun): Promise<ExperimentRunHeader> {
    const items = await this.storage.evals.datasets.getDatasetItems(
      projectId,
      run.dataset,
      run.datasetVersion,
    );
    if (!items)
      throw new EvalNotFound(`dataset "${run.dataset}" has no version ${run.datasetVersion}`);
    const ids = new Set(items.map((i) => i.id));
    const seen = new Set<string>();
    run.outcomes.forEach((o, i) => {
      const where = `outcomes[${i}]`;
      if (!ids.has(o.itemId))
        throw invalid(
          `${where}: item "${o.itemId}" is not in ${run.dataset}@${run.datasetVersion}`,
        );
      if (o.repeat >= run.repeats)
        throw invalid(`${where}: repeat ${o.repeat} is not below repeats ${run.repeats}`);
      const key = `${o.itemId}\u0000${o.repeat}`;
      if (seen.has(key)) throw invalid(`${where}: item "${o.itemId}" repeat ${o.repeat} twice`);
      seen.add(key);
    });
    const stored: ExperimentRun = {
      id: randomUUID(),
      projectId,
      dataset: run.dataset,
      datasetVersion: run.datasetVersion,
      target: run.target,
      repeats: run.repeats,
      createdAtMs: Date.now(),
      passRate: run.outcomes.filter((o) => o.pass).length / run.outcomes.length,
      outcomeCount: run.outcomes.length,
      ...(run.note !== undefined ? { note: run.note } : {}),
      outcomes: run.outcomes,
    };
    await this.storage.evals.runs.saveExperimentRun(stored);
    return header(stored);
  }

  async get(projectId: string, id: string): Promise<ExperimentRun> {
    const run = await this.storage.evals.runs.getExperimentRun(projectId, id);
    if (!run) throw new EvalNotFound(`run ${id} not found`);
    return run;
  }

  async compare(
    projectId: string,
    candidateId: string,
    baselineId: string,
  ): Promise<RunComparisonView> {
    const candidate = await this.get(projectId, candidateId);
    const baseline = await this.get(projectId, baselineId);
    if (
      candidate.dataset !== baseline.dataset ||
      candidate.datasetVersion !== baseline.datasetVersion
    )
      throw invalid(
        `runs on different dataset versions cannot be paired: ${baseline.dataset}@${baseline.datasetVersion} and ${candidate.dataset}@${candidate.datasetVersion}`,
      );
    const comparison = compareRuns(
      runItemResults(baseline.outcomes),
      runItemResults(candidate.outcomes),
    );
    const items =
      (await this.storage.evals.datasets.getDatasetItems(
        projectId,
        candidate.dataset,
        candidate.datasetVersion,
      )) ?? [];
    return {
      baseline: header(baseline),
      candidate: header(candidate),
      comparison,
      items: sideBySide(items, baseline, candidate),
    };
  }
}

function sideBySide(
  items: readonly DatasetItem[],
  baseline: ExperimentRun,
  candidate: ExperimentRun,
): ComparedItem[] {
  const of = (run: ExperimentRun, id: string) =>
    run.outcomes.filter((o) => o.itemId === id).sort((a, b) => a.repeat - b.repeat);
  return items
    .map((item): ComparedItem => {
      const entry: ComparedItem = {
        itemId: item.id,
        vars: item.vars,
        baseline: of(baseline, item.id),
        candidate: of(candidate, item.id),
      };
      if (item.expected !== undefined) entry.expected = item.expected;
      if (item.sourceTraceId !== undefined) entry.sourceTraceId = item.sourceTraceId;
      return entry;
    })
    .filter((i) => i.baseline.length > 0 || i.candidate.length > 0);
}

function invalid(message: string): EvalError {
  return new EvalError(EVAL_ERROR_CODES.invalidData, message);
}
