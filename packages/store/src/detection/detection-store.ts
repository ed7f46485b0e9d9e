import type {
  Alert,
  AlertStatus,
  EventPosition,
  Incident,
  IncidentStatus,
  MonitorDefinition,
  MonitorProgress,
  Observation,
} from '@glassbox/core/detect';

/** A trace whose spans were written since detection last looked at it. */
export interface TraceRef {
  projectId: string;
  traceId: string;
}

/** Where a monitor came from: the built-in set, the API, or the monitors YAML file. */
export type MonitorOrigin = 'default' | 'api' | 'file';

export interface StoredMonitor {
  projectId: string;
  definition: MonitorDefinition;
  origin: MonitorOrigin;
  /** Evaluation progress; reset to null whenever the definition changes. */
  progress: MonitorProgress | null;
  updatedAtMs: number;
}

export interface ObservationQuery {
  projectId: string;
  /** Only observations strictly after this event position. */
  after?: EventPosition;
  /** Event-time range [from, to). */
  from?: number;
  to?: number;
  limit: number;
}

export interface AlertQuery {
  projectId: string;
  status?: AlertStatus;
  /** Alerts not yet resolved (open or acknowledged). */
  unresolved?: boolean;
  monitorId?: string;
  limit: number;
}

export interface IncidentQuery {
  projectId: string;
  status?: IncidentStatus;
  limit: number;
}

/**
 * Detection's persistence: per-request observations keyed by project and event time, the
 * queue of traces changed by ingest, monitors with their evaluation progress, alerts,
 * incidents, and the lease that elects one replica to run detection.
 */
export interface DetectionStore {
  /**
   * Takes traces written at or before `quietBeforeMs` (arrival time) and not since, oldest
   * first; a trace written again after being taken comes back.
   */
  claimChangedTraces(options: { limit: number; quietBeforeMs: number }): Promise<TraceRef[]>;
  /** Inserts or replaces observations by (project, trace). */
  putObservations(observations: readonly Observation[]): Promise<void>;
  /** Observations in event-time order (eventMs, then traceId). */
  listObservations(query: ObservationQuery): Promise<Observation[]>;

  listMonitors(projectId: string): Promise<StoredMonitor[]>;
  getMonitor(projectId: string, id: string): Promise<StoredMonitor | undefined>;
  /** Inserts or replaces a monitor's definition and origin, resetting its progress. */
  putMonitor(monitor: Omit<StoredMonitor, 'progress'>): Promise<void>;
  /** Saves evaluation progress; a no-op when the monitor was deleted meanwhile. */
  saveMonitorProgress(projectId: string, id: string, progress: MonitorProgress): Promise<void>;
  deleteMonitor(projectId: string, id: string): Promise<boolean>;

  putAlerts(alerts: readonly Alert[]): Promise<void>;
  getAlert(projectId: string, id: string): Promise<Alert | undefined>;
  /** Newest first (by the event time they opened). */
  listAlerts(query: AlertQuery): Promise<Alert[]>;

  putIncident(incident: Incident): Promise<void>;
  getIncident(projectId: string, id: string): Promise<Incident | undefined>;
  /** Newest first (by the event time of their first anomaly). */
  listIncidents(query: IncidentQuery): Promise<Incident[]>;

  /**
   * Takes or renews the named lease for `holder` until nowMs + ttlMs when it is free,
   * expired, or already held by `holder`; true when `holder` holds it afterwards.
   */
  acquireLease(name: string, holder: string, ttlMs: number, nowMs: number): Promise<boolean>;
  releaseLease(name: string, holder: string): Promise<void>;
}
