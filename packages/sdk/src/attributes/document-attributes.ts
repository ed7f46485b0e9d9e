import type { Attributes } from '@opentelemetry/api';
import type { ContentTransform } from './content-policy.js';

/** A retrieved or reranked document as the application describes it. */
export interface DocumentInput {
  id?: string;
  content?: string;
  score?: number;
  /** Where the document came from (URL, file path, table). */
  source?: string;
  /** When the document entered the index: a Date, epoch milliseconds or an ISO string. */
  ingestedAt?: Date | number | string;
  metadata?: Record<string, unknown>;
}

export type DocumentListKey =
  'retrieval.documents' | 'reranker.input_documents' | 'reranker.output_documents';

/**
 * OpenInference flattened document attributes:
 * `<list>.N.document.{id,content,score,metadata}`, where metadata is JSON carrying `source`
 * and `ingested_at` (ISO 8601) next to the application's own keys.
 *
 * @example
 * documentAttributes('retrieval.documents', [{ id: 'd1', score: 0.9 }], (t) => t)
 * // { 'retrieval.documents.0.document.id': 'd1', 'retrieval.documents.0.document.score': 0.9 }
 */
export function documentAttributes(
  list: DocumentListKey,
  documents: readonly DocumentInput[],
  policy: ContentTransform,
): Attributes {
  const attributes: Attributes = {};
  documents.forEach((doc, index) => {
    const prefix = `${list}.${index}.document.`;
    if (doc.id !== undefined) attributes[`${prefix}id`] = String(doc.id);
    if (doc.content !== undefined)
      attributes[`${prefix}content`] = policy(doc.content, 'document.content');
    if (typeof doc.score === 'number' && Number.isFinite(doc.score))
      attributes[`${prefix}score`] = doc.score;
    const metadata: Record<string, unknown> = { ...doc.metadata };
    if (doc.source !== undefined) metadata.source = doc.source;
    const ingestedAt = isoTime(doc.ingestedAt);
    if (ingestedAt !== undefined) metadata.ingested_at = ingestedAt;
    if (Object.keys(metadata).length > 0)
      attributes[`${prefix}metadata`] = JSON.stringify(metadata);
  });
  return attributes;
}

/** OTel GenAI `gen_ai.retrieval.documents`: JSON array of `{ id, score }`. */
export function genAiRetrievalDocuments(documents: readonly DocumentInput[]): string {
  return JSON.stringify(documents.map((doc) => ({ id: doc.id, score: doc.score })));
}

function isoTime(value: Date | number | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
