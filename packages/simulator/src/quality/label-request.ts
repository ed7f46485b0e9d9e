import type { FailureCategory } from '@glassbox/core/classify';
import type { CatalogQuery } from '../traffic/query-catalog.js';
import type { RequestObservation } from './request-observer.js';

/** What is known about one scenario request, independent of any classifier. */
export interface RequestFacts {
  scenario: string;
  /** The catalog query the request sent. */
  request: CatalogQuery;
  observed: RequestObservation;
  /** The trace holds a retrieval (the router may escalate before searching). */
  retrieved: boolean;
}

/** Provider ground-truth tags and the failure each one must produce wherever it happens. */
const INJECTED_CATEGORIES: Readonly<Record<string, FailureCategory>> = {
  hallucination: 'ungrounded_answer',
  refusal: 'refusal',
  'format-failure': 'malformed_response',
  'content-filter': 'content_filter',
  'prompt-truncated': 'silent_truncation_suspected',
  'rate-limit': 'rate_limit',
  length: 'incomplete_response',
  hang: 'timeout',
};

/**
 * Question segments no help-center article answers (a new product; medical and legal advice):
 * whatever the retriever returns for them is not relevant, in any phase.
 */
const OFF_CORPUS_SEGMENTS = new Set(['new_product', 'high_risk']);

/**
 * The categories scenario changes cause in every incident request they reach (beyond what
 * the provider tags per call): the model a request got, the sampling it ran with, the index
 * it searched, the agents' hand-off, the booking backend.
 */
const INCIDENT_CATEGORIES: Readonly<Record<string, (f: RequestFacts) => FailureCategory[]>> = {
  // Every call is served by a snapshot other than the one pinned.
  'prompt-drift': () => ['model_version_mismatch'],
  'refusal-drop': () => ['model_version_mismatch'],
  // The config moved the bot to another model than its reviewed version names.
  'cost-spike': () => ['model_version_mismatch'],
  'sampling-change': () => ['sampling_parameters_mismatch'],
  // Only prompts that outgrow the window are cut: the provider tags those ('prompt-truncated').
  'silent-truncation': () => [],
  // The whole index was rebuilt with the fixed 90-character chunker.
  'bad-chunking': () => ['fragmented_chunks'],
  // The ingestion job stopped: every indexed document is 35 days behind its source.
  'stale-index': () => ['stale_documents'],
  // Relevance sinks only for questions whose article was re-synced in the broken format.
  'format-drift': (f) =>
    f.request.documentId !== null && f.observed.reingestedAfterOnset.has(f.request.documentId)
      ? ['low_relevance']
      : [],
  // The campaign's questions are off-corpus: labelled by OFF_CORPUS_SEGMENTS in both phases.
  'query-shift': () => [],
  // The pair hands back and forth until the app's turn limit throws.
  'agent-ping-pong': (f) => (f.observed.failed ? ['agent_ping_pong', 'step_limit_reached'] : []),
  'duplicate-bookings': (f) => [
    ...(Object.values(f.observed.toolExecutions).some((n) => n > 1)
      ? (['duplicate_side_effect'] as const)
      : []),
    ...(f.observed.lateAnswersClientGaveUp > 0 ? (['timeout'] as const) : []),
  ],
};

/**
 * The categories a scenario request must produce, from what was injected into it: the
 * provider's per-call ground truth in any phase, plus the scenario's change in the incident
 * phase. Never from what a classifier reports.
 *
 * @example expectedCategories({ scenario: 'sampling-change', request, observed, retrieved: true }) // ['sampling_parameters_mismatch', 'ungrounded_answer']
 */
export function expectedCategories(facts: RequestFacts): FailureCategory[] {
  const out = new Set<FailureCategory>();
  for (const tag of facts.observed.injected) {
    const category = INJECTED_CATEGORIES[tag];
    if (category) out.add(category);
    if (tag.startsWith('server-error-')) out.add('service_unavailable');
  }
  if (facts.retrieved && OFF_CORPUS_SEGMENTS.has(facts.request.segment)) out.add('low_relevance');
  if (facts.observed.phase === 'incident') {
    const rule = INCIDENT_CATEGORIES[facts.scenario];
    if (!rule) throw new RangeError(`no incident labels for scenario "${facts.scenario}"`);
    for (const c of rule(facts)) out.add(c);
  }
  return [...out].sort();
}
