import type { Alert, AlertStatus, Incident, IncidentStatus } from '@glassbox/core/detect';

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

/** Alerts and the incidents that group them, per project. */
export interface AlertStore {
  /** Inserts or replaces alerts by (project, id). */
  putAlerts(alerts: readonly Alert[]): Promise<void>;
  getAlert(projectId: string, id: string): Promise<Alert | undefined>;
  /** Newest first (by the event time they opened). */
  listAlerts(query: AlertQuery): Promise<Alert[]>;

  /** Inserts or replaces an incident by (project, id). */
  putIncident(incident: Incident): Promise<void>;
  getIncident(projectId: string, id: string): Promise<Incident | undefined>;
  /** Newest first (by the event time of their first anomaly). */
  listIncidents(query: IncidentQuery): Promise<Incident[]>;
}
