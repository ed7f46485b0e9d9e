import type { AttributeValue } from '../model/attributes.js';

/**
 * Where a failure lives. The first six are the diagnosis tree (walked in this order); `input`,
 * `output` and `cost_latency` hold the taxonomy groups that sit around it.
 */
export const LAYERS = [
  'retrieval',
  'generation',
  'routing',
  'upstream_data',
  'tools',
  'infrastructure',
  'input',
  'output',
  'cost_latency',
] as const;
export type Layer = (typeof LAYERS)[number];

export const SEVERITIES = ['info', 'warning', 'error', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * A remedy that holds only for some evidence: it is chosen when every flag in `when` has that
 * value in the finding's evidence, so its text may rely on those facts and no others.
 */
export interface Remedy {
  when: Readonly<Record<string, boolean>>;
  text: string;
}

interface CategoryInfo {
  layer: Layer;
  defaultSeverity: Severity;
  title: string;
  /** The first thing to try when no conditional remedy applies; claims nothing about evidence. */
  remediation: string;
  /** Remedies that rely on evidence flags, most specific first. */
  remedies?: readonly Remedy[];
}

/**
 * The failure taxonomy: every category a finding can carry, the layer it belongs to, its
 * default severity, a title and the first thing to try.
 *
 * @example
 * FAILURE_CATEGORIES.rate_limit.layer; // 'infrastructure'
 */
export const FAILURE_CATEGORIES = {
  timeout: {
    layer: 'infrastructure',
    defaultSeverity: 'error',
    title: 'Call timed out',
    remediation:
      'Raise the client timeout or stream the response; retry only idempotent calls, with backoff.',
  },
  rate_limit: {
    layer: 'infrastructure',
    defaultSeverity: 'error',
    title: 'Rate limited by the provider',
    remediation:
      'Retry with exponential backoff honouring Retry-After, lower concurrency, or raise the quota.',
  },
  service_unavailable: {
    layer: 'infrastructure',
    defaultSeverity: 'error',
    title: 'Provider unavailable or overloaded',
    remediation: 'Retry with backoff, open a circuit breaker, and fail over to a secondary model.',
  },
  network_error: {
    layer: 'infrastructure',
    defaultSeverity: 'error',
    title: 'Network error',
    remediation: 'Check DNS, proxies and egress rules; retry idempotent calls with backoff.',
  },
  context_length_exceeded: {
    layer: 'input',
    defaultSeverity: 'error',
    title: 'Context length exceeded',
    remediation:
      'Budget the context before the call: trim history, retrieve fewer or shorter chunks, or use a larger-context model.',
  },
  silent_truncation_suspected: {
    layer: 'input',
    defaultSeverity: 'critical',
    title: 'Input silently truncated',
    remediation:
      'The provider counted fewer tokens than were sent: compare the prompt with the counted tokens, raise the context window (e.g. Ollama num_ctx) or shorten the input.',
    remedies: [
      {
        when: { systemPromptLikelyDropped: true },
        text: 'The provider dropped the start of the input, likely the system prompt. Raise the context window (e.g. Ollama num_ctx) or shorten the input so the instructions survive.',
      },
      {
        when: { countEqualsContextSize: true },
        text: 'The provider clipped the input to its context size. Raise the context window (e.g. Ollama num_ctx) or shorten the input.',
      },
    ],
  },
  context_budget_exhausted: {
    layer: 'input',
    defaultSeverity: 'warning',
    title: 'Context window nearly full',
    remediation: 'Trim history or retrieved context before the next turn overflows.',
  },
  malformed_response: {
    layer: 'output',
    defaultSeverity: 'error',
    title: 'Malformed structured output',
    remediation:
      'Use the provider\u2019s structured-output mode with a schema, validate and repair, and keep temperature low.',
  },
  incomplete_response: {
    layer: 'output',
    defaultSeverity: 'warning',
    title: 'Response cut at the token limit',
    remediation: 'Raise max_tokens or ask for a shorter answer.',
  },
  refusal: {
    layer: 'output',
    defaultSeverity: 'warning',
    title: 'Model refused',
    remediation:
      'Check the prompt and retrieved context for triggers; make the permitted scope explicit in the system prompt.',
  },
  empty_output: {
    layer: 'output',
    defaultSeverity: 'error',
    title: 'Empty output',
    remediation: 'Check stop sequences, max_tokens and the provider response; retry once.',
  },
  content_filter: {
    layer: 'output',
    defaultSeverity: 'warning',
    title: 'Blocked by a content filter',
    remediation:
      'Inspect the input for the trigger; adjust the filter policy or rephrase the prompt.',
  },
  tool_error: {
    layer: 'tools',
    defaultSeverity: 'error',
    title: 'Tool call failed',
    remediation: 'Inspect the tool\u2019s error; return a structured error the model can act on.',
  },
  invalid_tool_arguments: {
    layer: 'tools',
    defaultSeverity: 'error',
    title: 'Tool arguments do not match the schema',
    remediation:
      'Enable strict tool schemas, describe parameters precisely, and validate arguments before executing.',
  },
  tool_loop: {
    layer: 'tools',
    defaultSeverity: 'error',
    title: 'Repeated identical tool call',
    remediation:
      'Add a loop guard (stop the third identical call) and make the tool result tell the model what changed.',
  },
  agent_ping_pong: {
    layer: 'tools',
    defaultSeverity: 'error',
    title: 'Agents hand off back and forth',
    remediation: 'Give each agent a clear exit condition and cap hand-offs between the same pair.',
  },
  step_limit_reached: {
    layer: 'tools',
    defaultSeverity: 'error',
    title: 'Agent step limit reached',
    remediation:
      'Find why the agent does not converge (loops, failing tools) before raising the limit.',
  },
  duplicate_side_effect: {
    layer: 'tools',
    defaultSeverity: 'critical',
    title: 'Side effect executed twice',
    remediation:
      'Send an idempotency key with every side-effecting call, and check what repeats the call (a retry, the agent or the user).',
    remedies: [
      {
        when: { retriedAfterTimeout: true },
        text: 'Send an idempotency key with every side-effecting call and never blindly retry one after a timeout.',
      },
    ],
  },
  routing_mismatch: {
    layer: 'routing',
    defaultSeverity: 'error',
    title: 'Request routed to the wrong tool or agent',
    remediation: 'Review the router prompt or rules against the expected route for this request.',
  },
  no_documents: {
    layer: 'retrieval',
    defaultSeverity: 'error',
    title: 'Retrieval returned nothing',
    remediation:
      'Check the index, filters and query rewriting; answer "I don\u2019t know" instead of guessing.',
  },
  low_relevance: {
    layer: 'retrieval',
    defaultSeverity: 'warning',
    title: 'Retrieved documents are not relevant',
    remediation: 'Improve query rewriting or embeddings, add a reranker, or widen the search.',
  },
  stale_documents: {
    layer: 'retrieval',
    defaultSeverity: 'warning',
    title: 'Retrieved documents are stale',
    remediation: 'Re-ingest the source; check that the ingestion job still runs.',
  },
  source_dominance: {
    layer: 'retrieval',
    defaultSeverity: 'info',
    title: 'One source dominates the retrieved set',
    remediation:
      'Diversify retrieval (MMR, per-source caps) or check the other sources are indexed.',
  },
  fragmented_chunks: {
    layer: 'retrieval',
    defaultSeverity: 'warning',
    title: 'Chunks cut mid-sentence or mid-citation',
    remediation: 'Chunk on sentence or section boundaries with overlap, and re-ingest.',
  },
  ungrounded_answer: {
    layer: 'generation',
    defaultSeverity: 'error',
    title: 'Answer not grounded in the retrieved context',
    remediation:
      'Require citations, instruct the model to answer only from the context, and check retrieval returned what was needed.',
  },
  model_version_mismatch: {
    layer: 'generation',
    defaultSeverity: 'error',
    title: 'Model differs from the pinned one',
    remediation: 'Pin a dated model snapshot and check gateway or fallback routing.',
  },
  sampling_parameters_mismatch: {
    layer: 'generation',
    defaultSeverity: 'warning',
    title: 'Sampling parameters differ from the version snapshot',
    remediation:
      'Read sampling parameters from the versioned config instead of call-site defaults.',
  },
  latency_over_budget: {
    layer: 'cost_latency',
    defaultSeverity: 'warning',
    title: 'Latency over budget',
    remediation: 'Stream, cache, cut retrieved context or use a faster model for this step.',
  },
  cost_over_budget: {
    layer: 'cost_latency',
    defaultSeverity: 'warning',
    title: 'Cost over budget',
    remediation: 'Cache prompts, trim context, or route simple requests to a cheaper model.',
  },
  token_over_budget: {
    layer: 'cost_latency',
    defaultSeverity: 'warning',
    title: 'Token usage over budget',
    remediation: 'Trim history and retrieved context; cap agent steps.',
  },
} as const satisfies Record<string, CategoryInfo>;

export type FailureCategory = keyof typeof FAILURE_CATEGORIES;

/** One detected failure, with what triggered it. */
export interface Finding {
  category: FailureCategory;
  layer: Layer;
  severity: Severity;
  /** The spans that show the failure, most telling first. */
  spanIds: string[];
  message: string;
  /** Observed values and the threshold they crossed. */
  evidence: Record<string, AttributeValue>;
  remediation: string;
}

/**
 * The remedy for a finding: the first of its category's conditional remedies whose evidence
 * flags all hold, else the category's unconditional remediation.
 *
 * @example
 * remedyFor('silent_truncation_suspected', { systemPromptLikelyDropped: false }); // the unconditional one
 */
export function remedyFor(
  category: FailureCategory,
  evidence: Readonly<Record<string, AttributeValue>>,
): string {
  const info: CategoryInfo = FAILURE_CATEGORIES[category];
  const fits = (r: Remedy) => Object.entries(r.when).every(([k, v]) => evidence[k] === v);
  return info.remedies?.find(fits)?.text ?? info.remediation;
}

/**
 * Build a finding with the category's layer, default severity and the remedy its evidence
 * supports (`remedyFor`).
 *
 * @example
 * makeFinding('timeout', ['a1'], 'LLM call timed out after 30 s', { durationMs: 30000 });
 */
export function makeFinding(
  category: FailureCategory,
  spanIds: string[],
  message: string,
  evidence: Record<string, AttributeValue>,
  severity?: Severity,
): Finding {
  const info: CategoryInfo = FAILURE_CATEGORIES[category];
  return {
    category,
    layer: info.layer,
    severity: severity ?? info.defaultSeverity,
    spanIds,
    message,
    evidence,
    remediation: remedyFor(category, evidence),
  };
}
