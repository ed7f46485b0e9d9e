import type { Postmortem } from './postmortem.js';
import { toYaml } from './yaml-text.js';

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/**
 * The postmortem in the "What Breaks" YAML template: exactly its top-level keys incident,
 * symptom, timeline, root_cause (category one of prompt_drift | retrieval | tool_failure |
 * context | eval | data_drift, or null when the evidence does not settle it), detection_gap
 * and resolution.
 */
export function renderYaml(draft: Postmortem): string {
  const gap = draft.detectionGap;
  return toYaml({
    incident: {
      id: draft.incidentId,
      title: draft.title,
      severity: draft.severity,
      status: draft.status,
      onset: iso(draft.onsetMs),
      resolved: iso(draft.resolvedAtMs),
    },
    symptom: [
      draft.title,
      ...draft.questions.isolatedOrSystematic.slice(0, 1).map((s) => s.text),
    ].join(' — '),
    timeline: draft.timeline.map((entry) => ({ at: iso(entry.atMs), event: entry.text })),
    root_cause: {
      category: draft.rootCause.category,
      layer: draft.rootCause.layer ?? null,
      suspected_change: draft.changes[0]?.text ?? null,
      evidence: draft.rootCause.reason.text,
    },
    detection_gap: {
      onset_to_first_alert_ms: gap.delayMs ?? null,
      onset_to_first_alert_requests: gap.delayRequests ?? null,
      unmonitored_categories: gap.unmonitoredCategories,
      categories_without_evals: gap.uncoveredByEvals ?? null,
      summary: gap.statements.map((s) => s.text).join(' '),
    },
    resolution: {
      status: draft.status,
      recovery: draft.recovery.residualRisk.text,
      prevention: draft.prevention.map((s) => s.text),
    },
  });
}
