import type { Observation } from '../../src/detect/observation.js';

/**
 * A healthy Observation with neutral values, for tests, benchmarks and simulations.
 *
 * @example
 * makeObservation({ traceId: 't9', eventMs: 1_000, error: true });
 */
export function makeObservation(
  init: Partial<Observation> & { traceId: string; eventMs: number },
): Observation {
  return {
    projectId: 'p1',
    segments: {},
    error: false,
    refusal: false,
    escalation: false,
    formatFailure: false,
    findings: [],
    latencyMs: 800,
    inputTokens: 500,
    outputTokens: 120,
    costUsd: 0.002,
    steps: 1,
    sources: {},
    tools: [],
    tags: [],
    scores: {},
    versions: {},
    ...init,
  };
}
