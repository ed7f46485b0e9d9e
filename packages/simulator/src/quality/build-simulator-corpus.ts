import type { FailureCategory, Layer } from '@glassbox/core/classify';
import type { Span } from '@glassbox/core/model';
import { SCENARIOS } from '../scenarios/incident-scenarios.js';
import { runScenario } from '../scenarios/run-scenario.js';
import type { Scenario } from '../scenarios/scenario.js';
import {
  BOOKING_QUERIES,
  FAQ_QUERIES,
  HANDOFF_QUERIES,
  HIGH_RISK_QUERIES,
  HUMAN_REQUEST_QUERIES,
  MULTI_STEP_QUERIES,
  NEW_PRODUCT_QUERIES,
  STATUS_QUERIES,
  type CatalogQuery,
} from '../traffic/query-catalog.js';
import { expectedCategories } from './label-request.js';
import { observeRequests } from './request-observer.js';

/** One stored scenario trace with the findings and layer its injected faults call for. */
export interface SimulatorLabelledTrace {
  /** `<scenario>/<phase>/<index>` */
  name: string;
  scenario: string;
  phase: 'healthy' | 'incident';
  spans: Span[];
  expected: FailureCategory[];
  /** The scenario's failing layer, on incident traces its change reached; else undefined. */
  layer?: Layer;
}

export interface BuildSimulatorCorpusOptions {
  /** OTLP/HTTP base URL of the Glassbox server the apps export to. */
  endpoint: string;
  /** Reads the stored spans of each trace back, in order (after the run flushed them). */
  readTraces(traceIds: readonly string[]): Promise<Span[][]>;
  seed?: number;
  /** Requests per phase for a scenario; default 8 and 8. */
  requests?(scenario: Scenario): { healthy: number; incident: number };
  scenarios?: readonly Scenario[];
}

const CATALOG = new Map<string, CatalogQuery>(
  [
    FAQ_QUERIES,
    HUMAN_REQUEST_QUERIES,
    NEW_PRODUCT_QUERIES,
    HIGH_RISK_QUERIES,
    BOOKING_QUERIES,
    MULTI_STEP_QUERIES,
    STATUS_QUERIES,
    HANDOFF_QUERIES,
  ].flatMap((list) => list.map((q) => [q.text, q] as const)),
);

/**
 * Runs each scenario (fixed seed, few requests) against a Glassbox server and labels every
 * stored trace from what was injected into its request, not from what a classifier says.
 *
 * @example
 * const corpus = await buildSimulatorCorpus({ endpoint: server.url, readTraces: (ids) => storedTraces(storage, ids) });
 */
export async function buildSimulatorCorpus(
  options: BuildSimulatorCorpusOptions,
): Promise<SimulatorLabelledTrace[]> {
  const out: SimulatorLabelledTrace[] = [];
  for (const scenario of options.scenarios ?? SCENARIOS) {
    const counts = options.requests?.(scenario) ?? { healthy: 8, incident: 8 };
    const observer = observeRequests(scenario);
    const { groundTruth } = await runScenario(observer.scenario, {
      endpoint: options.endpoint,
      seed: options.seed ?? 5,
      healthyRequests: counts.healthy,
      incidentRequests: counts.incident,
      onProgress: observer.onProgress,
    });
    const observed = observer.finish();
    for (const phase of ['healthy', 'incident'] as const) {
      const record = groundTruth[phase];
      const requests = observed[phase];
      if (record.traceIds.length !== requests.length)
        throw new Error(
          `${scenario.name} ${phase}: ${record.traceIds.length} traces for ${requests.length} requests`,
        );
      const traces = await options.readTraces(record.traceIds);
      traces.forEach((spans, i) => {
        const request = requests[i]!;
        const query = CATALOG.get(request.text);
        if (!query)
          throw new Error(`${scenario.name}: request "${request.text}" is not in the catalog`);
        const expected = expectedCategories({
          scenario: scenario.name,
          request: query,
          observed: request,
          retrieved: spans.some((s) => s.kind === 'retriever'),
        });
        const reached = phase === 'incident' && expected.length > 0;
        out.push({
          name: `${scenario.name}/${phase}/${i}`,
          scenario: scenario.name,
          phase,
          spans,
          expected,
          ...(reached ? { layer: scenario.failingLayer } : {}),
        });
      });
    }
  }
  return out;
}
