import { ingestedAt, sourceOf } from '../classify/retrieval-rules.js';
import type { Finding } from '../classify/failure-categories.js';
import type { RetrievedDocument, Span } from '../model/span.js';
import { malformedText } from './malformed-text.js';

const DAY_MS = 86_400_000;
const BATCH_KEYS = ['ingestion_batch', 'ingestion_batch_id', 'batch_id', 'batchId'];

export interface UpstreamOptions {
  /** Documents ingested within this window of each other form one batch. Default 1 hour. */
  batchWindowMs: number;
  /** A batch ingested within this many days of the trace is recent. Default 7. */
  recentIngestionDays: number;
}

export interface UpstreamEvidence {
  implicated: boolean;
  for: string[];
  against: string[];
}

/**
 * Whether the documents behind a retrieval or generation failure share an upstream cause.
 *
 * - Documents a defect finding flags (cut chunks, stale documents): implicated when at least
 *   two of them share one ingestion batch (same batch id, or ingested within `batchWindowMs`)
 *   ingested within `recentIngestionDays` of the trace (a recent re-index or re-sync produced
 *   them; old stale documents are a retrieval problem), or when they all come from one source
 *   while the retrieved set spans several.
 * - Otherwise, when retrieval failed: implicated when at least two retrieved documents were
 *   ingested recently and apart from the older rest (see `recentBatchApart`), in another batch.
 *   A whole index ingested together blames nothing: every trace would share its batch. Or
 *   when retrieved documents read as broken by their extraction step (words run together,
 *   markup left in; see `malformedText`), all ingested recently, and every document ingested
 *   since the first of them is broken too: a re-sync is producing bad text.
 *
 * @example
 * upstreamEvidence(spans, findings, true, { batchWindowMs: 3_600_000, recentIngestionDays: 7 }).implicated;
 */
export function upstreamEvidence(
  spans: Span[],
  findings: Finding[],
  retrievalImplicated: boolean,
  o: UpstreamOptions,
): UpstreamEvidence {
  const allDocs = retrievedDocuments(spans);
  const traceStart = Math.min(...spans.map((s) => s.startMs));
  const defects = findings.filter(
    (f) => f.category === 'stale_documents' || f.category === 'fragmented_chunks',
  );
  const flagged = new Set(
    defects.flatMap((f) =>
      Array.isArray(f.evidence.documentIds) ? f.evidence.documentIds.map(String) : [],
    ),
  );
  if (flagged.size > 0) {
    const docs = allDocs.filter((d) => flagged.has(d.key));
    const what = defects.map((f) => f.category).join(' and ');
    const ev: string[] = [];
    const batch =
      docs.length >= 2
        ? batchOf(
            docs.map((d) => d.doc),
            o,
          )
        : undefined;
    if (batch && traceStart - batch.newest <= o.recentIngestionDays * DAY_MS)
      ev.push(
        `the ${docs.length} documents with ${what} share ${batch.label}, ingested ${days(traceStart - batch.newest)} days before the trace`,
      );
    const sources = new Set(docs.map((d) => sourceOf(d.doc)));
    const allSources = new Set(allDocs.map((d) => sourceOf(d.doc)).filter((s) => s !== undefined));
    const [only] = sources;
    if (docs.length >= 2 && sources.size === 1 && only !== undefined && allSources.size >= 2)
      ev.push(
        `the documents with ${what} all come from ${only} while the retrieved set spans ${allSources.size} sources`,
      );
    return ev.length > 0
      ? { implicated: true, for: ev, against: [] }
      : {
          implicated: false,
          for: [],
          against: [
            `the documents with ${what} share no recent ingestion batch and no single source`,
          ],
        };
  }
  if (!retrievalImplicated || allDocs.length === 0)
    return { implicated: false, for: [], against: [] };
  const ev = [
    recentBatchApart(allDocs, traceStart, o),
    recentMalformed(allDocs, traceStart, o),
  ].filter((e): e is string => e !== undefined);
  if (ev.length > 0) return { implicated: true, for: ev, against: [] };
  return {
    implicated: false,
    for: [],
    against: ['no recent ingestion batch stands apart among the retrieved documents'],
  };
}

interface KeyedDocument {
  key: string;
  doc: RetrievedDocument;
}

/** Retriever and reranker documents, once each (a reranker repeats the retriever's). */
function retrievedDocuments(spans: Span[]): KeyedDocument[] {
  const out = new Map<string, KeyedDocument>();
  for (const s of spans) {
    if (s.kind !== 'retriever' && s.kind !== 'reranker') continue;
    s.documents.forEach((doc, i) => {
      const key = doc.id ?? `#${i + 1}`;
      if (!out.has(key)) out.set(key, { key, doc });
    });
  }
  return [...out.values()];
}

/**
 * The newest documents when they stand apart from the rest: the largest gap between ingestion
 * times exceeds `batchWindowMs` and is at least twice the newer group's own spread (a re-sync
 * that ran for a while is still one event; steady ingestion has no such gap).
 */
function recentBatchApart(
  docs: KeyedDocument[],
  traceStart: number,
  o: UpstreamOptions,
): string | undefined {
  const dated = docs.map((d) => ({ ...d, at: ingestedAt(d.doc) }));
  if (dated.some((d) => d.at === undefined)) return undefined;
  const times = dated.map((d) => d.at!).sort((a, b) => a - b);
  let gapAt = -1;
  let gap = 0;
  for (let i = 1; i < times.length; i++) {
    if (times[i]! - times[i - 1]! > gap) [gap, gapAt] = [times[i]! - times[i - 1]!, i];
  }
  if (gapAt < 0 || gap <= o.batchWindowMs) return undefined;
  const cut = times[gapAt]!;
  const newer = dated.filter((d) => d.at! >= cut);
  const rest = dated.filter((d) => d.at! < cut);
  const newest = times[times.length - 1]!;
  if (newer.length < 2 || traceStart - newest > o.recentIngestionDays * DAY_MS) return undefined;
  if (newest - cut > gap / 2) return undefined;
  const ids = new Set(newer.map((d) => batchId(d.doc)));
  const [id] = ids;
  if (ids.size === 1 && id !== undefined && rest.some((d) => batchId(d.doc) === id))
    return undefined;
  const label =
    ids.size === 1 && id !== undefined
      ? `share ingestion batch ${id}`
      : `were ingested within ${minutes(newest - cut)} minutes of each other`;
  return `${newer.length} of ${docs.length} retrieved documents ${label}, ${days(traceStart - newest)} days before the trace and ${hours(gap)} hours after the other ${rest.length}`;
}

function recentMalformed(
  docs: KeyedDocument[],
  traceStart: number,
  o: UpstreamOptions,
): string | undefined {
  const dated = docs.map((d) => ({
    at: ingestedAt(d.doc),
    bad: malformedText(d.doc.content ?? ''),
  }));
  const bad = dated.filter((d) => d.bad !== undefined);
  if (bad.length === 0 || bad.some((d) => d.at === undefined)) return undefined;
  const since = Math.min(...bad.map((d) => d.at!));
  if (traceStart - since > o.recentIngestionDays * DAY_MS) return undefined;
  if (dated.some((d) => d.bad === undefined && (d.at === undefined || d.at >= since)))
    return undefined;
  const kinds = [...new Set(bad.map((d) => d.bad))].join(' and ');
  const good = dated.length - bad.length;
  return `${bad.length} of ${docs.length} retrieved documents look${bad.length === 1 ? 's' : ''} broken by their text extraction (${kinds}), all ingested in the ${days(traceStart - since)} days before the trace${good > 0 ? `; the ${good} ingested earlier read normally` : ''}`;
}

interface Batch {
  id?: string;
  label: string;
  newest: number;
}

/** The batch all `docs` belong to: one batch id, else ingestion times within the window. */
function batchOf(docs: RetrievedDocument[], o: UpstreamOptions): Batch | undefined {
  const times = docs.map(ingestedAt);
  const known = times.filter((t): t is number => t !== undefined);
  const newest = known.length > 0 ? Math.max(...known) : undefined;
  const ids = docs.map(batchId);
  const first = ids[0];
  if (first !== undefined && ids.every((v) => v === first) && newest !== undefined)
    return { id: first, label: `ingestion batch ${first}`, newest };
  if (newest === undefined || known.length < docs.length) return undefined;
  const spread = newest - Math.min(...known);
  if (spread > o.batchWindowMs) return undefined;
  return { label: `an ingestion window of ${minutes(spread)} minutes`, newest };
}

function batchId(doc: RetrievedDocument): string | undefined {
  const v = BATCH_KEYS.map((k) => doc.metadata?.[k]).find(
    (x) => typeof x === 'string' || typeof x === 'number',
  );
  return v === undefined ? undefined : String(v);
}

function minutes(ms: number): number {
  return Math.round(ms / 60_000);
}

function hours(ms: number): string {
  return (ms / 3_600_000).toFixed(1);
}

function days(ms: number): string {
  return (ms / DAY_MS).toFixed(1);
}
