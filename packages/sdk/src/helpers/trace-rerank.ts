import type { Attributes, Span } from '@opentelemetry/api';
import { documentAttributes, type DocumentInput } from '../attributes/document-attributes.js';
import { activeSdk } from '../runtime/active-sdk.js';
import { runInSpan } from './run-in-span.js';
import { toDocuments } from './trace-retrieval.js';

export interface RerankInput<R> {
  query?: string;
  model?: string;
  topN?: number;
  inputDocuments: readonly DocumentInput[];
  /** Maps the function's result to the reranked documents; by default the result must be them. */
  toDocuments?: (result: R) => readonly DocumentInput[];
}

/**
 * Traces a rerank: documents in, documents out with their new scores (OpenInference
 * `reranker.*` keys).
 *
 * @example
 * const top = await traceRerank({ query, model: 'rerank-v3', inputDocuments: docs }, () =>
 *   reranker.rank(query, docs),
 * );
 */
export function traceRerank<T>(input: RerankInput<Awaited<T>>, fn: (span: Span) => T): T {
  const { policy } = activeSdk();
  return runInSpan(
    {
      name: input.model ? `rerank ${input.model}` : 'rerank',
      attributes: () => {
        const a: Attributes = {
          'gen_ai.operation.name': 'rerank',
          'openinference.span.kind': 'RERANKER',
          ...documentAttributes('reranker.input_documents', input.inputDocuments, policy),
        };
        if (input.query !== undefined) a['reranker.query'] = policy(input.query, 'retrieval.query');
        if (input.model !== undefined) a['reranker.model_name'] = input.model;
        if (input.topN !== undefined) a['reranker.top_k'] = input.topN;
        return a;
      },
      onResult: (result) =>
        documentAttributes(
          'reranker.output_documents',
          toDocuments(result, input.toDocuments),
          policy,
        ),
    },
    fn,
  );
}
