import type { ClassifierThresholds, FailureCategory } from '@glassbox/core/classify';

/** What makes the classifier report each category, and the thresholds it compares against. */
export const CATEGORY_TRIGGERS: Readonly<
  Record<FailureCategory, { trigger: string; thresholds: readonly (keyof ClassifierThresholds)[] }>
> = {
  timeout: {
    trigger: 'A failed span whose status, HTTP code (408, 504) or error text says it timed out.',
    thresholds: [],
  },
  rate_limit: {
    trigger: 'A failed span with HTTP 429 or a rate-limit / quota error text.',
    thresholds: [],
  },
  service_unavailable: {
    trigger:
      'A failed span with HTTP 500, 502, 503, 529 or an overloaded / unavailable error text.',
    thresholds: [],
  },
  network_error: {
    trigger: 'A failed span whose error text names a connection, DNS or socket failure.',
    thresholds: [],
  },
  context_length_exceeded: {
    trigger: 'An LLM call refused because the prompt exceeded the model\u2019s context window.',
    thresholds: [],
  },
  silent_truncation_suspected: {
    trigger:
      'The provider reported far fewer input tokens than were sent (or the system prompt was dropped, or the input was clipped to the context window).',
    thresholds: ['truncationRatio', 'truncationMinTokens', 'contextWindows'],
  },
  context_budget_exhausted: {
    trigger: 'An LLM call used more than the given share of its model\u2019s context window.',
    thresholds: ['contextBudgetShare', 'contextWindows'],
  },
  malformed_response: {
    trigger: 'Structured output that is not valid JSON or does not match the requested schema.',
    thresholds: [],
  },
  incomplete_response: {
    trigger: 'An LLM call that stopped at the token limit (finish reason length / max_tokens).',
    thresholds: [],
  },
  refusal: {
    trigger:
      'The model\u2019s answer matches a refusal pattern (\u201cI can\u2019t help with\u2026\u201d); an abstention such as \u201cthe sources do not cover this\u201d is not a refusal.',
    thresholds: [],
  },
  empty_output: {
    trigger: 'A successful LLM call that returned no text and no tool call.',
    thresholds: [],
  },
  content_filter: {
    trigger: 'The provider stopped or blocked the output with a content filter.',
    thresholds: [],
  },
  tool_error: { trigger: 'A tool span that failed or returned an error object.', thresholds: [] },
  invalid_tool_arguments: {
    trigger:
      'A tool call whose arguments do not match the tool\u2019s declared JSON schema (or an unknown tool).',
    thresholds: [],
  },
  tool_loop: {
    trigger: 'The same tool called with the same canonical arguments repeatedly in one trace.',
    thresholds: ['loopRepeatCount'],
  },
  agent_ping_pong: {
    trigger: 'Two agents handing off back and forth (A-B-A-B) in one trace.',
    thresholds: ['pingPongTurns'],
  },
  step_limit_reached: {
    trigger:
      'An agent reached its step or recursion limit (error text), or the trace made this many model calls.',
    thresholds: ['stepLimit'],
  },
  duplicate_side_effect: {
    trigger:
      'The same side-effecting tool call (same arguments) may have run twice in the trace or its session without one idempotency key.',
    thresholds: [],
  },
  routing_mismatch: {
    trigger:
      'The tool or agent used differs from the expected route recorded in the trace\u2019s metadata.',
    thresholds: [],
  },
  no_documents: { trigger: 'A retrieval returned no documents.', thresholds: [] },
  low_relevance: {
    trigger:
      'A retriever\u2019s or reranker\u2019s best document scored below the threshold (similarity scores in [0, 1]; rank-fusion scores are not judged; a retriever yields to a later reranker scoring \u2265 0.5), or the answer says its sources do not cover the question.',
    thresholds: ['lowRelevanceTopScore'],
  },
  stale_documents: {
    trigger:
      'At least the given share of dated documents was ingested longer ago than the age limit.',
    thresholds: ['staleDocumentAgeDays', 'staleDocumentShare'],
  },
  source_dominance: {
    trigger: 'One source supplied more than the given share of the retrieved documents.',
    thresholds: ['sourceDominanceShare', 'sourceDominanceMinDocs'],
  },
  fragmented_chunks: {
    trigger: 'At least the given share of retrieved chunks is cut mid-sentence or mid-citation.',
    thresholds: ['fragmentedChunkShare'],
  },
  ungrounded_answer: {
    trigger:
      'The final answer holds numbers, named entities or citations that the retrieved context does not support.',
    thresholds: ['ungroundedMinNumbers', 'ungroundedMinEntities', 'ungroundedMinCitations'],
  },
  model_version_mismatch: {
    trigger: 'The answering model differs from the model pinned in the version snapshot.',
    thresholds: [],
  },
  sampling_parameters_mismatch: {
    trigger: 'Sampling parameters of the call differ from those in the version snapshot.',
    thresholds: [],
  },
  latency_over_budget: {
    trigger: 'A span or the whole trace took longer than its budget.',
    thresholds: ['maxSpanLatencyMs', 'maxTraceLatencyMs'],
  },
  cost_over_budget: {
    trigger: 'A span or the whole trace cost more than its budget.',
    thresholds: ['maxSpanCostUsd', 'maxTraceCostUsd'],
  },
  token_over_budget: {
    trigger: 'An LLM span or the trace\u2019s LLM calls used more tokens than the budget.',
    thresholds: ['maxSpanTokens', 'maxTraceTokens'],
  },
};

/** The meaning of every classifier threshold, as the settings API and the docs present it. */
export const THRESHOLD_MEANINGS: Readonly<Record<keyof ClassifierThresholds, string>> = {
  lowRelevanceTopScore:
    'Best score of a retriever or reranker stage (similarity in [0, 1]) below which its results are not relevant.',
  staleDocumentAgeDays: 'Age in days after which a retrieved document counts as stale.',
  staleDocumentShare: 'Share of dated documents that must be stale to report stale_documents.',
  sourceDominanceShare: 'Share of the retrieved documents one source may hold before it dominates.',
  sourceDominanceMinDocs: 'Fewest documents with a source for dominance to be judged.',
  fragmentedChunkShare: 'Share of cut chunks that makes a retrieval fragmented.',
  truncationRatio:
    'Reported input tokens / estimated tokens sent below which input was silently truncated.',
  truncationMinTokens:
    'Inputs smaller than this many estimated tokens are not judged for truncation.',
  contextBudgetShare:
    'Used share of the context window above which the budget is nearly exhausted.',
  contextWindows: 'Context windows in tokens by model-id prefix, added to the built-in table.',
  loopRepeatCount:
    'Identical tool calls (same tool, same canonical arguments) in one trace that make a loop.',
  pingPongTurns: 'Alternating turns between two agents (A-B-A-B = 4) that make ping-pong.',
  stepLimit: 'Model calls in one trace that reach the step limit.',
  ungroundedMinNumbers: 'Unsupported numbers in an answer that make it ungrounded.',
  ungroundedMinEntities: 'Unsupported named entities in an answer that make it ungrounded.',
  ungroundedMinCitations: 'Citations to nothing retrieved that make an answer ungrounded.',
  maxSpanLatencyMs: 'Latency budget of one span, in milliseconds.',
  maxTraceLatencyMs: 'Latency budget of a whole trace, in milliseconds.',
  maxSpanCostUsd: 'Cost budget of one span, in US dollars.',
  maxTraceCostUsd: 'Cost budget of a whole trace, in US dollars.',
  maxSpanTokens: 'Token budget of one LLM span.',
  maxTraceTokens: 'Token budget of all LLM calls of a trace.',
};
