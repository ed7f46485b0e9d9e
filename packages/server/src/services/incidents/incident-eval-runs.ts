import type { TimelineEvalRun } from '@glassbox/core/incidents';
import type { EvalStores } from '@glassbox/store';

/** Newest eval runs read for one timeline; older ones lie before any live incident. */
const MAX_EVAL_RUNS = 500;

/**
 * Eval runs created since `fromMs` on a dataset version that holds a trace of the incident's
 * window (an item's source trace), oldest first: the evals people ran for this incident,
 * whether from the workspace or with `glassbox eval --dataset ... --record`.
 */
export async function incidentEvalRuns(
  evals: Pick<EvalStores, 'datasets' | 'runs'>,
  projectId: string,
  fromMs: number,
  traceIds: ReadonlySet<string>,
): Promise<TimelineEvalRun[]> {
  const runs = (await evals.runs.listExperimentRuns(projectId, { limit: MAX_EVAL_RUNS })).filter(
    (r) => r.createdAtMs >= fromMs,
  );
  const cites = new Map<string, Promise<boolean>>();
  const citesWindow = (dataset: string, version: number) => {
    const key = `${dataset}@${version}`;
    let found = cites.get(key);
    if (!found) {
      found = evals.datasets
        .getDatasetItems(projectId, dataset, version)
        .then((items) =>
          (items ?? []).some((i) => i.sourceTraceId !== undefined && traceIds.has(i.sourceTraceId)),
        );
      cites.set(key, found);
    }
    return found;
  };
  const kept = await Promise.all(runs.map((r) => citesWindow(r.dataset, r.datasetVersion)));
  return runs
    .filter((_, i) => kept[i])
    .map((r) => ({
      id: r.id,
      atMs: r.createdAtMs,
      dataset: r.dataset,
      datasetVersion: r.datasetVersion,
      target: r.target,
      passRate: r.passRate,
      ...(r.note !== undefined ? { note: r.note } : {}),
    }))
    .sort((a, b) => a.atMs - b.atMs);
}
