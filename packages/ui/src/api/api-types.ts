import type { Diagnosis, Finding, TraceDetail, TraceSummary } from '@glassbox/core';

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
