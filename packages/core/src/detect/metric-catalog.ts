import { FAILURE_CATEGORIES, type FailureCategory } from '../classify/failure-categories.js';
import { DetectError } from './detect-error.js';
import type { Observation } from './observation.js';

/** How a metric reads an observation: a yes/no rate, a number, or counts per category. */
export type Metric =
  | { readonly name: string; readonly kind: 'rate'; read(o: Observation): boolean }
  | { readonly name: string; readonly kind: 'value'; read(o: Observation): number | undefined }
  | { readonly name: string; readonly kind: 'share'; read(o: Observation): Record<string, number> }
  | { readonly name: string; readonly kind: 'session'; read(o: Observation): number }
  | { readonly name: string; readonly kind: 'text'; read(o: Observation): string | undefined };

const one = (value: string | undefined): Record<string, number> =>
  value === undefined ? {} : { [value]: 1 };
const many = (values: readonly string[]): Record<string, number> =>
  Object.fromEntries(values.map((v) => [v, 1]));

const FIXED: Record<string, Metric> = {
  request_count: { name: 'request_count', kind: 'rate', read: () => true },
  error_rate: { name: 'error_rate', kind: 'rate', read: (o) => o.error },
  refusal_rate: { name: 'refusal_rate', kind: 'rate', read: (o) => o.refusal },
  escalation_rate: { name: 'escalation_rate', kind: 'rate', read: (o) => o.escalation },
  format_failure_rate: { name: 'format_failure_rate', kind: 'rate', read: (o) => o.formatFailure },
  tool_call_rate: { name: 'tool_call_rate', kind: 'rate', read: (o) => o.tools.length > 0 },
  latency_ms: { name: 'latency_ms', kind: 'value', read: (o) => o.latencyMs },
  ttft_ms: { name: 'ttft_ms', kind: 'value', read: (o) => o.ttftMs },
  input_tokens: { name: 'input_tokens', kind: 'value', read: (o) => o.inputTokens },
  output_tokens: { name: 'output_tokens', kind: 'value', read: (o) => o.outputTokens },
  tokens: { name: 'tokens', kind: 'value', read: (o) => o.inputTokens + o.outputTokens },
  cost_usd: { name: 'cost_usd', kind: 'value', read: (o) => o.costUsd },
  steps: { name: 'steps', kind: 'value', read: (o) => o.steps },
  top_score: { name: 'top_score', kind: 'value', read: (o) => o.topScore },
  mean_relevance: { name: 'mean_relevance', kind: 'value', read: (o) => o.meanRelevance },
  doc_age_hours: { name: 'doc_age_hours', kind: 'value', read: (o) => o.docAgeHours },
  cost_per_session: { name: 'cost_per_session', kind: 'session', read: (o) => o.costUsd },
  steps_per_session: { name: 'steps_per_session', kind: 'session', read: (o) => o.steps },
  model_share: { name: 'model_share', kind: 'share', read: (o) => one(o.model) },
  sampling_share: { name: 'sampling_share', kind: 'share', read: (o) => one(o.sampling) },
  source_share: { name: 'source_share', kind: 'share', read: (o) => ({ ...o.sources }) },
  tool_share: { name: 'tool_share', kind: 'share', read: (o) => many(o.tools) },
  route_share: {
    name: 'route_share',
    kind: 'share',
    read: (o) => one(o.segments.route ?? o.segments.intent),
  },
  query: { name: 'query', kind: 'text', read: (o) => o.query },
  artifact_version_share: {
    name: 'artifact_version_share',
    kind: 'share',
    read: (o) =>
      Object.fromEntries(
        Object.entries(o.versions)
          .filter(([artifact]) => artifact !== 'prompt')
          .map(([artifact, version]) => [`${artifact}@${version}`, 1]),
      ),
  },
  prompt_version_share: {
    name: 'prompt_version_share',
    kind: 'share',
    read: (o) => one(o.segments.promptVersion),
  },
};

/** Every fixed metric name; parameterized ones are `error_rate:<class>`, `finding_rate:<category>`, `score:<name>`. */
export const METRIC_NAMES = Object.keys(FIXED);

/**
 * Resolves a metric name to how it reads observations, or throws DetectError
 * `invalid_metric` naming the known metrics.
 *
 * @example
 * resolveMetric('finding_rate:ungrounded_answer').kind; // 'rate'
 */
export function resolveMetric(name: string): Metric {
  const fixed = FIXED[name];
  if (fixed) return fixed;
  const [prefix, arg] = [name.slice(0, name.indexOf(':')), name.slice(name.indexOf(':') + 1)];
  if (name.includes(':') && arg !== '') {
    if (prefix === 'error_rate') return { name, kind: 'rate', read: (o) => o.errorClass === arg };
    if (prefix === 'score') return { name, kind: 'value', read: (o) => o.scores[arg] };
    if (prefix === 'finding_rate') {
      if (!(arg in FAILURE_CATEGORIES)) {
        throw new DetectError(
          'invalid_metric',
          `unknown failure category "${arg}" in metric "${name}"`,
          'metric',
        );
      }
      const category = arg as FailureCategory;
      return { name, kind: 'rate', read: (o) => o.findings.includes(category) };
    }
  }
  throw new DetectError(
    'invalid_metric',
    `unknown metric "${name}"; known: ${METRIC_NAMES.join(', ')}, error_rate:<class>, finding_rate:<category>, score:<name>`,
    'metric',
  );
}
