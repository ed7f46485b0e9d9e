import type { FailureCategory, Layer } from '../classify/failure-categories.js';

export type Verdict = 'implicated' | 'cleared' | 'unknown';

/** What a piece of evidence speaks to: a failure category, or a recent upstream data change. */
export type EvidenceKind = FailureCategory | 'upstream_change';

/** What the diagnosis concluded about one layer, with the evidence both ways. */
export interface LayerVerdict {
  layer: Layer;
  verdict: Verdict;
  /** How sure the verdict is, 0..1 (0 for unknown). */
  confidence: number;
  evidenceFor: string[];
  evidenceAgainst: string[];
  /**
   * The kinds of evidence behind `evidenceFor`, and the kinds `evidenceAgainst` rules out.
   * Across one diagnosis the two never share a kind: a statement that rules out a failure
   * the trace shows is dropped, so no layer is implicated and cleared by the same evidence.
   */
  kinds: { for: EvidenceKind[]; against: EvidenceKind[] };
}

/** The layers of one trace, most likely culprit first, and a plain-language summary. */
export interface Diagnosis {
  layers: LayerVerdict[];
  mostLikely?: Layer;
  summary: string;
}

/** The order the diagnosis tree is walked in; layers outside the tree follow. */
export const DIAGNOSIS_ORDER: readonly Layer[] = [
  'retrieval',
  'generation',
  'routing',
  'upstream_data',
  'tools',
  'infrastructure',
  'input',
  'output',
  'cost_latency',
];

/**
 * Which implicated layer explains another: when both are implicated the explaining one is
 * the likelier root cause (stale data explains a bad retrieval, which explains an ungrounded
 * answer; a truncated input explains everything downstream of it; the model that generated
 * an answer explains what is wrong with its output).
 */
export const EXPLAINS: ReadonlyArray<readonly [Layer, readonly Layer[]]> = [
  ['upstream_data', ['retrieval', 'generation', 'output']],
  ['input', ['retrieval', 'generation', 'output']],
  ['routing', ['generation', 'output']],
  ['retrieval', ['generation', 'output']],
  ['generation', ['output']],
  ['infrastructure', ['output']],
  ['retrieval', ['cost_latency']],
  ['generation', ['cost_latency']],
  ['routing', ['cost_latency']],
  ['upstream_data', ['cost_latency']],
  ['tools', ['cost_latency']],
  ['infrastructure', ['cost_latency']],
  ['input', ['cost_latency']],
  ['output', ['cost_latency']],
];

export const LAYER_LABELS: Readonly<Record<Layer, string>> = {
  retrieval: 'retrieval',
  generation: 'generation',
  routing: 'routing',
  upstream_data: 'upstream data',
  tools: 'tools and agents',
  infrastructure: 'infrastructure',
  input: 'input (context)',
  output: 'output',
  cost_latency: 'cost and latency',
};
