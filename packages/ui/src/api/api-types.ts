import type { Finding } from '@glassbox/core/classify';
import type { Alert, Incident, MonitorDefinition, RollupPoint } from '@glassbox/core/detect';
import type { Diagnosis } from '@glassbox/core/diagnose';
import type { TraceDetail, TraceSummary } from '@glassbox/core/model';

/** A trace row as the list endpoint returns it; `categories` arrives with the classifier. */
export type TraceListItem = TraceSummary & { categories?: string[] };

export interface TraceListResponse {
  items: TraceListItem[];
  nextCursor?: string;
}

export type TraceDetailResponse = TraceDetail & { findings?: Finding[] };

export interface SessionResponse {
  sessionId: string;
  traces: TraceDetail[];
}

export type DiagnosisResponse = Diagnosis;

export interface FailureSummaryResponse {
  bucketMs: number;
  buckets: { startMs: number; counts: Record<string, number> }[];
  totals: Record<string, number>;
}

/** A monitor as `/api/monitors` returns it: its definition, origin and evaluation progress. */
export type MonitorView = MonitorDefinition & {
  origin: 'default' | 'api' | 'file';
  updatedAtMs: number;
  progress: { seen: number; alarmed: boolean; lateDropped: number; watermarkMs?: number };
};

export interface ItemsResponse<T> {
  items: T[];
}

/** `/api/incidents/:id`: the incident with its alerts' current versions. */
export type IncidentDetailResponse = Incident & { alerts: Alert[] };

/** `/api/metrics`: one metric rolled up per event-time bucket. */
export interface MetricsResponse {
  metric: string;
  from: number;
  to: number;
  bucketMs: number;
  segment?: Record<string, string>;
  truncated: boolean;
  points: RollupPoint[];
}
