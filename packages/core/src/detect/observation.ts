import type { FailureCategory } from '../classify/failure-categories.js';

/**
 * What detection knows about one request (one trace): read once from its spans, stored in a
 * narrow table keyed by project and event time, and the only input monitors and rollups see.
 * `eventMs` is the root span's start (event time), never the arrival time.
 */
export interface Observation {
  projectId: string;
  traceId: string;
  eventMs: number;
  /** Segment values a monitor or rollup can filter and group on (see SEGMENT_KEYS). */
  segments: Record<string, string>;
  error: boolean;
  /** The error class when `error`: a failure category such as `timeout`, else `other`. */
  errorClass?: string;
  refusal: boolean;
  escalation: boolean;
  formatFailure: boolean;
  /** Failure categories found in the trace, each once. */
  findings: FailureCategory[];
  latencyMs: number;
  ttftMs?: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** LLM and tool steps in the trace. */
  steps: number;
  topScore?: number;
  meanRelevance?: number;
  /** Mean age of the retrieved documents at event time, in hours. */
  docAgeHours?: number;
  /** Retrieved documents per source. */
  sources: Record<string, number>;
  tools: string[];
  tags: string[];
  /** The model that answered, as returned by the provider (its version). */
  model?: string;
  /** Canonical text of the sampling parameters of the first LLM call, e.g. `temperature=0.2`. */
  sampling?: string;
  sessionId?: string;
  /** The user's query (retrieval query or first user turn), cut to 300 characters. */
  query?: string;
  /** Evaluation scores found on the trace (evaluator spans, metadata `score.*`). */
  scores: Record<string, number>;
  versions: Record<string, string>;
}

/** Segment keys read from every trace; any metadata key is available as `meta.<key>`. */
export const SEGMENT_KEYS = [
  'model',
  'promptVersion',
  'route',
  'intent',
  'tool',
  'risk',
  'tag',
] as const;
