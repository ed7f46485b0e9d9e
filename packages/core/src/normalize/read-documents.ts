import type { AttributeValue, Attributes } from '../model/attributes.js';
import type { OtlpEvent } from '../model/otlp-span.js';
import type { RetrievedDocument } from '../model/span.js';
import { asArray, asNumber, asObject, asString, isRecord } from './attribute-values.js';
import { rebuildIndexed } from './rebuild-indexed.js';

/**
 * Retrieved documents from the first convention that has them: OpenInference
 * `retrieval.documents.N.document.*` (rerankers: `reranker.output_documents`, else
 * `reranker.input_documents`), `gen_ai.retrieval.documents`, OpenLLMetry
 * `db.vector.query.result.N.*`, or `db.query.result` events. A span may carry both the OTel
 * GenAI list (id and score only) and the richer OpenInference one (content, source,
 * ingestion time); their fields are merged, matched by id or else by position.
 */
export function readDocuments(
  attributes: Attributes,
  events: readonly OtlpEvent[],
): RetrievedDocument[] {
  const otel = asArray(attributes['gen_ai.retrieval.documents'])?.map((entry) =>
    isRecord(entry) ? entry : undefined,
  );
  for (const prefix of [
    'retrieval.documents',
    'reranker.output_documents',
    'reranker.input_documents',
  ]) {
    const docs = rebuildIndexed(attributes, prefix).map((entry) =>
      isRecord(entry) && isRecord(entry.document) ? entry.document : undefined,
    );
    if (docs.length > 0) return collect(otel ? mergeById(docs, otel) : docs);
  }
  if (otel) return collect(otel);
  const vector = rebuildIndexed(attributes, 'db.vector.query.result');
  if (vector.length > 0)
    return collect(vector.map((entry) => (isRecord(entry) ? entry : undefined)));
  return collect(
    events
      .filter((event) => event.name === 'db.query.result')
      .map((event) => ({
        id: event.attributes['db.query.result.id'] ?? null,
        score: event.attributes['db.query.result.score'] ?? null,
        content: event.attributes['db.query.result.document'] ?? null,
        metadata: event.attributes['db.query.result.metadata'] ?? null,
      })),
  );
}

/** Fields of `extra` fill what `rich` lacks, entry by entry (same id, else same position). */
function mergeById(
  rich: (Record<string, AttributeValue> | undefined)[],
  extra: (Record<string, AttributeValue> | undefined)[],
): (Record<string, AttributeValue> | undefined)[] {
  const byId = new Map<string, Record<string, AttributeValue>>();
  for (const entry of extra) {
    const id = entry && asString(entry.id);
    if (id) byId.set(id, entry);
  }
  return rich.map((entry, index) => {
    const id = entry && asString(entry.id);
    const match = (id ? byId.get(id) : undefined) ?? (byId.size === 0 ? extra[index] : undefined);
    return match ? { ...match, ...entry } : entry;
  });
}

function collect(entries: (Record<string, AttributeValue> | undefined)[]): RetrievedDocument[] {
  return entries.filter((entry) => entry !== undefined).map(document);
}

function document(raw: Record<string, AttributeValue>): RetrievedDocument {
  const metadata = asObject(raw.metadata);
  const id = asString(raw.id);
  const content = asString(raw.content) ?? asString(raw.text);
  const score = asNumber(raw.score);
  const source = asString(raw.source) ?? firstString(metadata, ['source', 'url', 'uri']);
  const ingestedAtMs = firstTime(metadata, ['ingested_at', 'ingestedAt', 'ingestion_time']);
  return {
    ...(id ? { id } : {}),
    ...(content !== undefined ? { content } : {}),
    ...(score !== undefined ? { score } : {}),
    ...(source ? { source } : {}),
    ...(ingestedAtMs !== undefined ? { ingestedAtMs } : {}),
    ...(metadata ? { metadata } : {}),
  };
}

function firstString(metadata: Record<string, AttributeValue> | undefined, keys: string[]) {
  for (const key of keys) {
    const value = asString(metadata?.[key]);
    if (value) return value;
  }
  return undefined;
}

function firstTime(metadata: Record<string, AttributeValue> | undefined, keys: string[]) {
  for (const key of keys) {
    const value = parseInstantMs(metadata?.[key]);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Below this an epoch number is taken as seconds (1e11 s is the year 5138; 1e11 ms is 1973). */
const SECONDS_LIMIT = 1e11;

/**
 * An instant in epoch milliseconds from an ISO date string or an epoch number (seconds or
 * milliseconds, numbers or numeric strings); undefined when unreadable.
 *
 * @example
 * parseInstantMs('2024-05-01T00:00:00Z'); // 1714521600000
 * parseInstantMs(1714521600);             // 1714521600000
 */
export function parseInstantMs(value: AttributeValue | undefined): number | undefined {
  const number = asNumber(value);
  if (number !== undefined) {
    if (number <= 0) return undefined;
    return number < SECONDS_LIMIT ? Math.round(number * 1000) : Math.round(number);
  }
  const text = asString(value);
  if (!text || !/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}
