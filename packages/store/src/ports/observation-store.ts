import type { EventPosition, Observation } from '@glassbox/core/detect';

export interface ObservationQuery {
  projectId: string;
  /** Only observations strictly after this event position. */
  after?: EventPosition;
  /** Event-time range [from, to). */
  from?: number;
  to?: number;
  limit: number;
}

/** Per-request observations, keyed by project and trace, read in event-time order. */
export interface ObservationStore {
  /** Inserts or replaces observations by (project, trace). */
  putObservations(observations: readonly Observation[]): Promise<void>;
  /** Observations in event-time order (eventMs, then traceId). */
  listObservations(query: ObservationQuery): Promise<Observation[]>;
}
