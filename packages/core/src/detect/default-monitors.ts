import type { FailureCategory } from '../classify/failure-categories.js';
import type { MonitorDefinition } from './monitor.js';

/** Finding categories watched by default, one Bernoulli CUSUM each. */
export const DEFAULT_FINDING_MONITORS: readonly FailureCategory[] = [
  'ungrounded_answer',
  'low_relevance',
  'stale_documents',
  'empty_output',
  'tool_error',
  'tool_loop',
  'routing_mismatch',
  'silent_truncation_suspected',
  'duplicate_side_effect',
  'fragmented_chunks',
];

const monitor = (
  m: Omit<MonitorDefinition, 'notify' | 'enabled' | 'params'> & {
    params?: MonitorDefinition['params'];
  },
): MonitorDefinition => ({
  params: {},
  notify: [],
  enabled: true,
  // Rates also run per segment found in the traffic, with the budget split (segment-charts.ts);
  // latency, cost and answer length do too, on segment block charts.
  ...(m.detector === 'bernoulli_cusum' ? { segmentBy: 'auto' as const } : {}),
  ...m,
});

/**
 * The monitors every project gets, so detection works with zero configuration. Rates use a
 * Bernoulli CUSUM with a one-million-request in-control run length each (fifteen rates, so
 * about 1.5 false alarms per million requests nominally), watching both directions for
 * refusal, escalation and tool-call rates and rises for the rest (see defaultDirection);
 * continuous metrics EWMA or tabular
 * CUSUM on block statistics (see VALUE_CHART_DEFAULTS), latency, cost and answer length also
 * per segment (tabular CUSUM on blocks of 10 of the segment's requests); categorical ones
 * change, dominance,
 * share-shift and embedding-drift detectors. Thresholds are in each detector's defaults.
 *
 * @example
 * defaultMonitors().map((m) => m.id); // ['error-rate', 'refusal-rate', ...]
 */
export function defaultMonitors(): MonitorDefinition[] {
  return [
    monitor({
      id: 'error-rate',
      name: 'Error rate',
      metric: 'error_rate',
      detector: 'bernoulli_cusum',
      severity: 'error',
    }),
    monitor({
      id: 'refusal-rate',
      name: 'Refusal rate',
      metric: 'refusal_rate',
      detector: 'bernoulli_cusum',
      severity: 'warning',
    }),
    monitor({
      id: 'escalation-rate',
      name: 'Escalation rate',
      metric: 'escalation_rate',
      detector: 'bernoulli_cusum',
      severity: 'warning',
    }),
    monitor({
      id: 'tool-call-rate',
      name: 'Tool-call rate',
      metric: 'tool_call_rate',
      detector: 'bernoulli_cusum',
      severity: 'warning',
    }),
    monitor({
      id: 'format-failure-rate',
      name: 'Format failure rate',
      metric: 'format_failure_rate',
      detector: 'bernoulli_cusum',
      severity: 'error',
    }),
    ...DEFAULT_FINDING_MONITORS.map((c) =>
      monitor({
        id: `finding-${c.replace(/_/g, '-')}`,
        name: `Rate of ${c.replace(/_/g, ' ')}`,
        metric: `finding_rate:${c}`,
        detector: 'bernoulli_cusum',
        severity: 'warning',
      }),
    ),
    monitor({
      id: 'latency-p95',
      name: 'Latency p95',
      metric: 'latency_ms',
      detector: 'ewma',
      params: { statistic: 'p95', log: 1, direction: 'up' },
      segmentBy: 'auto',
      severity: 'warning',
    }),
    monitor({
      id: 'retrieval-top-score',
      name: 'Retrieval top score',
      metric: 'top_score',
      detector: 'ewma',
      params: { statistic: 'mean', direction: 'down' },
      severity: 'warning',
    }),
    monitor({
      id: 'cost-per-request',
      name: 'Cost per request',
      metric: 'cost_usd',
      detector: 'tabular_cusum',
      params: { statistic: 'mean', log: 1, direction: 'up' },
      segmentBy: 'auto',
      severity: 'warning',
    }),
    monitor({
      id: 'answer-length',
      name: 'Answer length (output tokens)',
      metric: 'output_tokens',
      detector: 'tabular_cusum',
      params: { statistic: 'mean', log: 1, direction: 'both' },
      segmentBy: 'auto',
      severity: 'warning',
    }),
    monitor({
      id: 'steps-per-request',
      name: 'Steps per request (loops)',
      metric: 'steps',
      detector: 'tabular_cusum',
      params: { statistic: 'mean', direction: 'up' },
      severity: 'warning',
    }),
    monitor({
      id: 'model-change',
      name: 'New model version in responses',
      metric: 'model_share',
      detector: 'new_value',
      severity: 'info',
    }),
    monitor({
      id: 'sampling-change',
      name: 'Sampling parameters changed',
      metric: 'sampling_share',
      detector: 'new_value',
      severity: 'info',
    }),
    monitor({
      id: 'prompt-version-change',
      name: 'New prompt version',
      metric: 'prompt_version_share',
      detector: 'new_value',
      severity: 'info',
    }),
    monitor({
      id: 'artifact-version-change',
      name: 'New artifact version',
      metric: 'artifact_version_share',
      detector: 'new_value',
      severity: 'info',
    }),
    monitor({
      id: 'source-dominance',
      name: 'A source dominates retrieval',
      metric: 'source_share',
      detector: 'dominance',
      severity: 'warning',
    }),
    monitor({
      id: 'tool-share-shift',
      name: 'Tool share shift',
      metric: 'tool_share',
      detector: 'share_shift',
      severity: 'warning',
    }),
    monitor({
      id: 'route-share-shift',
      name: 'Route share shift',
      metric: 'route_share',
      detector: 'share_shift',
      severity: 'warning',
    }),
    monitor({
      id: 'query-drift',
      name: 'User query drift',
      metric: 'query',
      detector: 'embedding_drift',
      severity: 'info',
    }),
  ];
}

/**
 * Metrics whose alarms are change events: informational alone, the suspected cause of the
 * symptoms that follow (shown as version changes on incident timelines).
 */
export const CHANGE_MONITOR_METRICS = new Set([
  'model_share',
  'sampling_share',
  'prompt_version_share',
  'artifact_version_share',
  'source_share',
]);
