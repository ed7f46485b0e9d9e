import { ingestedAt, sourceOf } from '../classify/retrieval-rules.js';
import type { Finding } from '../classify/failure-categories.js';
import type { RetrievedDocument, Span } from '../model/span.js';

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
 * Whether the documents behind a retrieval problem share an upstream cause: one ingestion
 * batch (same batch id, or ingested within `batchWindowMs`) that is recent or already known
 * defective (stale, fragmented), or one source while the retrieved set spans several.
 */
export function upstreamEvidence(
  spans: Span[],
  findings: Finding[],
  retrievalImplicated: boolean,
  o: UpstreamOptions,
): UpstreamEvidence {
  const retrievers = spans.filter((s) => s.kind === 'retriever' || s.kind === 'reranker');
  const allDocs = retrievers.flatMap((s) => s.documents);
  const defects = findings.filter(
    (f) => f.category === 'stale_documents' || f.category === 'fragmented_chunks',
  );
  const flaggedIds = new Set(
    defects.flatMap((f) =>
      Array.isArray(f.evidence.documentIds) ? f.evidence.documentIds.map(String) : [],
    ),
  );
  const docs =
    flaggedIds.size > 0
      ? allDocs.filter((d, i) => flaggedIds.has(d.id ?? `#${i + 1}`))
      : retrievalImplicated
        ? allDocs
        : [];
  if (docs.length < 2) {
    return {
      implicated: false,
      for: [],
      against:
        allDocs.length > 0
          ? ['the documents behind the problem do not share a batch or source']
          : [],
    };
  }
  const traceStart = Math.min(...spans.map((s) => s.startMs));
  const ev: string[] = [];
  const batch = sharedBatch(docs);
  const times = docs.map(ingestedAt).filter((t): t is number => t !== undefined);
  const closeTimes =
    times.length === docs.length && Math.max(...times) - Math.min(...times) <= o.batchWindowMs;
  const newest = times.length > 0 ? Math.max(...times) : undefined;
  const recent = newest !== undefined && traceStart - newest <= o.recentIngestionDays * DAY_MS;
  if (batch) ev.push(`the ${docs.length} implicated documents share ingestion batch ${batch}`);
  else if (closeTimes)
    ev.push(
      `the ${docs.length} implicated documents were ingested within ${Math.round((Math.max(...times) - Math.min(...times)) / 60_000)} minutes of each other`,
    );
  if ((batch || closeTimes) && recent && newest !== undefined)
    ev.push(
      `that batch is recent: ${((traceStart - newest) / DAY_MS).toFixed(1)} days before the trace`,
    );
  const sources = new Set(docs.map(sourceOf));
  const allSources = new Set(allDocs.map(sourceOf).filter((s) => s !== undefined));
  const oneSource = sources.size === 1 && [...sources][0] !== undefined && allSources.size >= 2;
  if (oneSource)
    ev.push(
      `the implicated documents all come from ${[...sources][0]} while the retrieved set spans ${allSources.size} sources`,
    );
  if (defects.length > 0)
    ev.push(`${defects.map((f) => f.category).join(' and ')} in the retrieved documents`);
  const implicated =
    ((batch !== undefined || closeTimes) && (recent || defects.length > 0)) || oneSource;
  return implicated
    ? { implicated, for: ev, against: [] }
    : {
        implicated,
        for: [],
        against: ['the implicated documents share no recent batch or distinct source'],
      };
}

function sharedBatch(docs: RetrievedDocument[]): string | undefined {
  const ids = docs.map((d) =>
    BATCH_KEYS.map((k) => d.metadata?.[k]).find(
      (v) => typeof v === 'string' || typeof v === 'number',
    ),
  );
  const first = ids[0];
  return first !== undefined && ids.every((v) => v === first) ? String(first) : undefined;
}
