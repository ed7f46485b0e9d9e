import type { Attributes, Span } from '@opentelemetry/api';
import { GLASSBOX_ATTRIBUTES } from '@glassbox/core/model';
import {
  documentAttributes,
  genAiRetrievalDocuments,
  type DocumentInput,
} from '../attributes/document-attributes.js';
import { activeSdk } from '../runtime/active-sdk.js';
import { runInSpan } from './run-in-span.js';

export interface RetrievalInput<R> {
  query?: string;
  /** Name of the index or collection searched (`gen_ai.data_source.id`). */
  dataSource?: string;
  /** Version of the index; recorded as `glassbox.version.index`. */
  indexVersion?: string;
  topK?: number;
  /** Maps the function's result to documents; by default the result must be the documents. */
  toDocuments?: (result: R) => readonly DocumentInput[];
}

/**
 * Traces a retrieval: the query and every returned document with id, content, score, source
 * and ingestion time.
 *
 * @example
 * const docs = await traceRetrieval({ query, dataSource: 'kb', indexVersion: '2024-06' }, () =>
 *   index.search(query, 5),
 * );
 */
export function traceRetrieval<T>(input: RetrievalInput<Awaited<T>>, fn: (span: Span) => T): T {
  const { policy } = activeSdk();
  return runInSpan(
    {
      name: input.dataSource ? `retrieval ${input.dataSource}` : 'retrieval',
      attributes: () => {
        const a: Attributes = {
          'gen_ai.operation.name': 'retrieval',
          'openinference.span.kind': 'RETRIEVER',
        };
        if (input.query !== undefined) {
          const query = policy(input.query, 'retrieval.query');
          a['gen_ai.retrieval.query.text'] = query;
          a['input.value'] = query;
        }
        if (input.dataSource !== undefined) a['gen_ai.data_source.id'] = input.dataSource;
        if (input.topK !== undefined) a['gen_ai.request.top_k'] = input.topK;
        if (input.indexVersion !== undefined)
          a[`${GLASSBOX_ATTRIBUTES.versionPrefix}index`] = input.indexVersion;
        return a;
      },
      onResult: (result) => {
        const documents = toDocuments(result, input.toDocuments);
        return {
          ...documentAttributes('retrieval.documents', documents, policy),
          'gen_ai.retrieval.documents': genAiRetrievalDocuments(documents),
        };
      },
    },
    fn,
  );
}

export function toDocuments<R>(
  result: R,
  map: ((result: R) => readonly DocumentInput[]) | undefined,
): readonly DocumentInput[] {
  if (map) return map(result);
  if (Array.isArray(result)) return result as readonly DocumentInput[];
  throw new TypeError('the traced function did not return an array of documents; pass toDocuments');
}
