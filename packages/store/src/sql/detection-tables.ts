/** Detection's tables as Kysely sees them; complex values are JSON text. */
export interface DetectionDatabase {
  detection_changes: {
    project_id: string;
    trace_id: string;
    changed_at_ms: number;
    first_changed_at_ms: number | null;
  };
  detection_observations: { project_id: string; trace_id: string; event_ms: number; data: string };
  detection_monitors: {
    project_id: string;
    id: string;
    definition: string;
    origin: string;
    progress: string | null;
    updated_at_ms: number;
  };
  detection_alerts: DocumentRow;
  detection_incidents: DocumentRow;
  detection_leases: { name: string; holder: string; expires_at_ms: number };
}

export interface DocumentRow {
  project_id: string;
  id: string;
  status: string;
  opened_at_ms: number;
  monitor_id: string | null;
  data: string;
}
