import { isBefore, type Observation } from '@glassbox/core/detect';
import type { ObservationQuery, ObservationStore } from '../ports/observation-store.js';
import { copy, forgetTraceRows, rowKey } from './memory-rows.js';

/**
 * Observations in memory; a supported test double.
 *
 * @example
 * await new MemoryObservationStore().putObservations(observations);
 */
export class MemoryObservationStore implements ObservationStore {
  private readonly observations = new Map<string, Observation>();

  async putObservations(observations: readonly Observation[]): Promise<void> {
    for (const o of observations) this.observations.set(rowKey(o.projectId, o.traceId), copy(o));
  }

  async listObservations(q: ObservationQuery): Promise<Observation[]> {
    const after = q.after;
    return [...this.observations.values()]
      .filter((o) => o.projectId === q.projectId)
      .filter(
        (o) =>
          (q.from === undefined || o.eventMs >= q.from) && (q.to === undefined || o.eventMs < q.to),
      )
      .filter((o) => !after || isBefore(after, { ms: o.eventMs, traceId: o.traceId }))
      .sort(
        (a, b) =>
          a.eventMs - b.eventMs || (a.traceId < b.traceId ? -1 : a.traceId > b.traceId ? 1 : 0),
      )
      .slice(0, q.limit)
      .map(copy);
  }

  /** Drops the observations of deleted traces. */
  forget(projectId: string, traceIds: ReadonlySet<string>): void {
    forgetTraceRows(this.observations, projectId, traceIds);
  }
}
