import type { FailureCategory, Finding, Layer, Severity } from '@glassbox/core/classify';
import type { FindingsTable } from './database-schema.js';

/** The row one finding of a trace is stored as. */
export function findingToRow(
  finding: Finding,
  trace: { projectId: string; traceId: string; startMs: number },
  ordinal: number,
): FindingsTable {
  return {
    project_id: trace.projectId,
    trace_id: trace.traceId,
    ordinal,
    trace_start_ms: trace.startMs,
    span_id: finding.spanIds[0] ?? null,
    span_ids: JSON.stringify(finding.spanIds),
    category: finding.category,
    layer: finding.layer,
    severity: finding.severity,
    message: finding.message,
    evidence: JSON.stringify(finding.evidence),
    remediation: finding.remediation,
  };
}

/** A stored finding row, back as the finding that was written. */
export function rowToFinding(row: FindingsTable): Finding {
  return {
    category: row.category as FailureCategory,
    layer: row.layer as Layer,
    severity: row.severity as Severity,
    spanIds: JSON.parse(row.span_ids),
    message: row.message,
    evidence: JSON.parse(row.evidence),
    remediation: row.remediation,
  };
}
