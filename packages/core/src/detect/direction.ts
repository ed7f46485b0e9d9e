import type { ParamSpec } from './detector-params.js';

/** Which shifts of a metric alarm. */
export type Direction = 'up' | 'down' | 'both';

/** Rates where a fall is as dangerous as a rise: fewer refusals on risky traffic, say. */
const TWO_SIDED_RATES = new Set(['refusal_rate', 'escalation_rate', 'tool_call_rate']);
/** Values where lower is worse. */
const LOWER_IS_WORSE = new Set(['top_score', 'mean_relevance']);

/**
 * The direction a monitor watches when its params do not say (or say `auto`): both for
 * refusal, escalation and tool-call rates and for evaluation scores; down for retrieval
 * scores; up for everything else (errors, findings, cost, latency, tokens, steps).
 *
 * @example
 * defaultDirection('refusal_rate'); // 'both'
 * defaultDirection('latency_ms'); // 'up'
 */
export function defaultDirection(metric: string): Direction {
  if (TWO_SIDED_RATES.has(metric) || metric.startsWith('score:')) return 'both';
  if (LOWER_IS_WORSE.has(metric)) return 'down';
  return 'up';
}

/** The `direction` parameter of rate and value charts. */
export const DIRECTION_PARAM: ParamSpec = {
  type: 'choice',
  values: ['auto', 'up', 'down', 'both'],
  default: 'auto',
  description:
    'which shifts alarm; auto is both for refusal, escalation and tool-call rates, up for errors, cost and latency',
};

/** The direction a monitor's params ask for, resolved against the metric's default. */
export function directionOf(metric: string, value: unknown): Direction {
  return value === 'up' || value === 'down' || value === 'both' ? value : defaultDirection(metric);
}
