import { StoreError } from '../store-error.js';
import type { ReplayRun, ReplayRunStore } from '../ports/replay-run-store.js';
import { forgetTraceRows } from './memory-rows.js';

/** Replay runs in memory; results are copied in and out, as a database would. */
export class MemoryReplayRunStore implements ReplayRunStore {
  private readonly runs = new Map<string, ReplayRun>();

  async saveRun(run: ReplayRun): Promise<void> {
    const key = `${run.projectId}\u0000${run.id}`;
    if (this.runs.has(key))
      throw new StoreError(
        'invalid_argument',
        `replay run ${run.id} already exists in ${run.projectId}`,
      );
    this.runs.set(key, structuredClone(run));
  }

  async listRuns(projectId: string, traceId: string, limit = 100): Promise<ReplayRun[]> {
    return [...this.runs.values()]
      .filter((r) => r.projectId === projectId && r.traceId === traceId)
      .sort((a, b) => b.createdAtMs - a.createdAtMs || (a.id < b.id ? 1 : -1))
      .slice(0, limit)
      .map((r) => structuredClone(r));
  }

  async listRunsBetween(
    projectId: string,
    fromMs: number,
    toMs: number,
    limit = 500,
  ): Promise<ReplayRun[]> {
    return [...this.runs.values()]
      .filter((r) => r.projectId === projectId && r.createdAtMs >= fromMs && r.createdAtMs < toMs)
      .sort((a, b) => a.createdAtMs - b.createdAtMs || (a.id < b.id ? -1 : 1))
      .slice(0, limit)
      .map((r) => structuredClone(r));
  }

  async getRun(projectId: string, id: string): Promise<ReplayRun | undefined> {
    const run = this.runs.get(`${projectId}\u0000${id}`);
    return run ? structuredClone(run) : undefined;
  }

  /** Drops the runs of deleted traces. */
  forget(projectId: string, traceIds: ReadonlySet<string>): void {
    forgetTraceRows(this.runs, projectId, traceIds);
  }
}
