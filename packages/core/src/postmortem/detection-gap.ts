import type { Alert } from '../detect/alert.js';
import type { MonitorDefinition } from '../detect/monitor.js';
import type { DetectionGap, Statement } from './postmortem.js';
import type { TraceRow } from './postmortem-evidence.js';

/** Metrics that watch a failure category besides its own finding_rate:<category>. */
const CATEGORY_METRICS: Record<string, string[]> = {
  error_status: ['error_rate'],
  refusal: ['refusal_rate'],
  malformed_response: ['format_failure_rate'],
};

/** The metric a new monitor for this category (or the error status) should watch. */
export function metricFor(category: string): string {
  return CATEGORY_METRICS[category]?.[0] ?? `finding_rate:${category}`;
}

/**
 * How late and how blind detection was: onset to first alert (time and traces), which
 * monitors watch the incident's categories, which categories none watches, and which have
 * no eval items.
 */
export function detectionGap(input: {
  onsetMs: number;
  alerts: readonly Alert[];
  monitors: readonly MonitorDefinition[];
  categories: readonly string[];
  traces: readonly TraceRow[];
  evalCoverage?: readonly string[];
}): DetectionGap {
  const { onsetMs, alerts, monitors, categories, traces } = input;
  const symptoms = alerts.filter((a) => !a.change).sort((a, b) => a.openedAtMs - b.openedAtMs);
  const first = symptoms[0];
  const watches = (m: MonitorDefinition, category: string) =>
    m.enabled &&
    (m.metric === `finding_rate:${category}` ||
      (CATEGORY_METRICS[category] ?? []).includes(m.metric));
  const covering = monitors.filter((m) => categories.some((c) => watches(m, c)));
  const unmonitored = categories.filter((c) => !monitors.some((m) => watches(m, c)));
  const uncoveredByEvals = input.evalCoverage
    ? categories.filter((c) => !input.evalCoverage!.includes(c))
    : undefined;
  const statements: Statement[] = [];
  const delayRequests = first
    ? traces.filter((t) => t.startMs >= onsetMs && t.startMs <= first.openedAtMs).length
    : undefined;
  if (first) {
    statements.push({
      text: `First alert "${first.title}" opened ${formatMs(first.openedAtMs - onsetMs)} (${delayRequests} requests) after the onset.`,
      links: [{ kind: 'alert', id: first.id, label: first.title }],
      basis: 'data',
    });
  } else {
    statements.push({
      text: 'No symptom alert fired: only change alerts, or none.',
      links: [],
      basis: 'missing',
    });
  }
  statements.push(
    unmonitored.length > 0
      ? {
          text: `No monitor watches ${unmonitored.join(', ')}: add one on ${unmonitored.map(metricFor).join(', ')}.`,
          links: [],
          basis: 'data',
        }
      : {
          text:
            categories.length > 0
              ? `Monitors watched every incident category: ${covering.map((m) => m.id).join(', ')}.`
              : 'No failure category rose after the onset, so category monitors do not apply.',
          links: covering.map((m) => ({ kind: 'monitor' as const, id: m.id, label: m.name })),
          basis: 'data',
        },
  );
  statements.push(
    uncoveredByEvals === undefined
      ? {
          text: 'Eval coverage unknown: no eval datasets are stored. Add the failing traces to a dataset so the next model or prompt change is gated on them.',
          links: [],
          basis: 'missing',
        }
      : {
          text:
            uncoveredByEvals.length > 0
              ? `No eval items cover ${uncoveredByEvals.join(', ')}.`
              : 'Every incident category has eval items.',
          links: [],
          basis: 'data',
        },
  );
  return {
    onsetMs,
    ...(first
      ? { firstAlertMs: first.openedAtMs, delayMs: first.openedAtMs - onsetMs, delayRequests }
      : {}),
    coveringMonitors: covering.map((m) => m.id),
    unmonitoredCategories: unmonitored,
    ...(uncoveredByEvals ? { uncoveredByEvals } : {}),
    statements,
  };
}

/** 90_000 -> '1.5 min'. */
export function formatMs(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1000) return `${Math.round(ms)} ms`;
  if (abs < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (abs < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  if (abs < 86_400_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  return `${(ms / 86_400_000).toFixed(1)} d`;
}
