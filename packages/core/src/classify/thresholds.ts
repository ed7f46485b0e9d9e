import { CLASSIFIER_ERROR_CODES, ClassifierError } from './classifier-error.js';

/** Per-project thresholds of the classifier. Every field has a documented default. */
export interface ClassifierThresholds {
  /**
   * Retrieval: a ranking stage whose best document scores below this is low relevance. Default
   * 0.3, a cosine similarity that current embedding models give unrelated text while relevant
   * passages score 0.4 and up. Judged on each retriever and reranker span on its own scale,
   * and only when the scores look like similarities: all in [0, 1] and the best above 0.05,
   * since rank-fusion scores such as 1 / (60 + rank) are positions, not relevance. A
   * retriever's verdict yields to a later reranker that rates its documents 0.5 or more. An
   * answer saying its sources do not cover the question is low relevance on any scale.
   */
  lowRelevanceTopScore: number;
  /** Retrieval: a document ingested more than this many days before the call is stale. Default 30. */
  staleDocumentAgeDays: number;
  /** Retrieval: stale_documents fires when at least this share of dated documents is stale. Default 0.5. */
  staleDocumentShare: number;
  /** Retrieval: one source holding more than this share is dominance. Default 0.8. */
  sourceDominanceShare: number;
  /** Retrieval: dominance is judged only over at least this many documents with a source. Default 5. */
  sourceDominanceMinDocs: number;
  /** Retrieval: fragmented_chunks fires when at least this share of chunks is cut. Default 0.5. */
  fragmentedChunkShare: number;
  /** Input: reported input tokens / estimated tokens sent below this is silent truncation. Default 0.6. */
  truncationRatio: number;
  /** Input: inputs smaller than this many estimated tokens are not judged for truncation. Default 200. */
  truncationMinTokens: number;
  /** Input: used share of the model's context window above this is a nearly exhausted budget. Default 0.9. */
  contextBudgetShare: number;
  /** Input: context windows by model-id prefix, added to the built-in table. Default {}. */
  contextWindows: Record<string, number>;
  /** Tools: the same tool with the same canonical arguments this many times in a trace is a loop. Default 3. */
  loopRepeatCount: number;
  /** Agents: this many alternating turns between two agents (A-B-A-B = 4) is ping-pong. Default 4. */
  pingPongTurns: number;
  /** Agents: this many model calls in one trace reaches the step limit (LangGraph's 25). Default 25. */
  stepLimit: number;
  /** Generation: missing numbers in the answer that make it ungrounded. Default 1. */
  ungroundedMinNumbers: number;
  /** Generation: missing named entities in the answer that make it ungrounded. Default 2. */
  ungroundedMinEntities: number;
  /** Generation: missing citations in the answer that make it ungrounded. Default 1. */
  ungroundedMinCitations: number;
  /** Budget: one span slower than this (ms). Default 30 000. */
  maxSpanLatencyMs: number;
  /** Budget: a whole trace slower than this (ms). Default 120 000. */
  maxTraceLatencyMs: number;
  /** Budget: one span's cost (USD). Default 0.5. */
  maxSpanCostUsd: number;
  /** Budget: a trace's total cost (USD). Default 2. */
  maxTraceCostUsd: number;
  /** Budget: one span's total tokens. Default 64 000. */
  maxSpanTokens: number;
  /** Budget: a trace's total tokens. Default 200 000. */
  maxTraceTokens: number;
}

/** The documented defaults; see each field of {@link ClassifierThresholds}. */
export const DEFAULT_THRESHOLDS: Readonly<ClassifierThresholds> = Object.freeze({
  lowRelevanceTopScore: 0.3,
  staleDocumentAgeDays: 30,
  staleDocumentShare: 0.5,
  sourceDominanceShare: 0.8,
  sourceDominanceMinDocs: 5,
  fragmentedChunkShare: 0.5,
  truncationRatio: 0.6,
  truncationMinTokens: 200,
  contextBudgetShare: 0.9,
  contextWindows: {},
  loopRepeatCount: 3,
  pingPongTurns: 4,
  stepLimit: 25,
  ungroundedMinNumbers: 1,
  ungroundedMinEntities: 2,
  ungroundedMinCitations: 1,
  maxSpanLatencyMs: 30_000,
  maxTraceLatencyMs: 120_000,
  maxSpanCostUsd: 0.5,
  maxTraceCostUsd: 2,
  maxSpanTokens: 64_000,
  maxTraceTokens: 200_000,
});

const SHARES = new Set<string>([
  'lowRelevanceTopScore',
  'staleDocumentShare',
  'sourceDominanceShare',
  'fragmentedChunkShare',
  'truncationRatio',
  'contextBudgetShare',
]);

/**
 * Merge a project's partial thresholds over the defaults, rejecting unknown keys and values
 * that are not finite non-negative numbers (shares must lie in [0, 1]).
 *
 * @example
 * resolveThresholds({ stepLimit: 10 }).stepLimit; // 10
 */
export function resolveThresholds(
  partial: Partial<ClassifierThresholds> = {},
): ClassifierThresholds {
  const out: ClassifierThresholds = { ...DEFAULT_THRESHOLDS, contextWindows: {} };
  for (const [key, value] of Object.entries(partial)) {
    if (!(key in DEFAULT_THRESHOLDS)) {
      throw new ClassifierError(
        CLASSIFIER_ERROR_CODES.unknownThreshold,
        `unknown threshold "${key}"`,
      );
    }
    if (value === undefined) continue;
    if (key === 'contextWindows') {
      out.contextWindows = checkWindows(value);
      continue;
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new ClassifierError(
        CLASSIFIER_ERROR_CODES.invalidThreshold,
        `threshold "${key}" must be a finite non-negative number, got ${JSON.stringify(value)}`,
      );
    }
    if (SHARES.has(key) && value > 1) {
      throw new ClassifierError(
        CLASSIFIER_ERROR_CODES.invalidThreshold,
        `threshold "${key}" is a share and must be <= 1, got ${value}`,
      );
    }
    (out as unknown as Record<string, number>)[key] = value;
  }
  return out;
}

function checkWindows(value: unknown): Record<string, number> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ClassifierError(
      CLASSIFIER_ERROR_CODES.invalidThreshold,
      'threshold "contextWindows" must be an object of model prefix -> tokens',
    );
  }
  const out: Record<string, number> = {};
  for (const [model, tokens] of Object.entries(value)) {
    if (typeof tokens !== 'number' || !Number.isInteger(tokens) || tokens <= 0) {
      throw new ClassifierError(
        CLASSIFIER_ERROR_CODES.invalidThreshold,
        `contextWindows["${model}"] must be a positive integer, got ${JSON.stringify(tokens)}`,
      );
    }
    out[model] = tokens;
  }
  return out;
}
