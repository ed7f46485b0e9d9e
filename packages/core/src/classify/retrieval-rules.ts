import type { AttributeValue } from '../model/attributes.js';
import type { RetrievedDocument, Span } from '../model/span.js';
import { queryCoverage, queryTerms } from './check-groundedness.js';
import { makeFinding, type Finding } from './failure-categories.js';
import { normalizeText } from './span-text.js';
import type { ClassifierThresholds } from './thresholds.js';

const DAY_MS = 86_400_000;
/** Best scores at or below this are rank-fusion positions (1 / (60 + rank)), not similarities. */
const RANK_FUSION_MAX = 0.05;
/** Chunks shorter than this are not judged by how they end (headings, labels). */
const MIN_JUDGED_CHARS = 40;

/**
 * No documents, low relevance, stale documents, one dominating source, fragmented chunks on a
 * retriever span; low relevance alone on a reranker span (its documents are the retriever's).
 */
export function retrievalFindings(span: Span, t: ClassifierThresholds): Finding[] {
  if (span.status === 'error') return [];
  if (span.kind === 'reranker') {
    const low = span.documents.length > 0 ? lowRelevanceFinding(span, t) : undefined;
    return low ? [low] : [];
  }
  if (span.kind !== 'retriever') return [];
  const id = [span.spanId];
  const docs = span.documents;
  if (docs.length === 0) {
    const out = (span.output ?? '').trim();
    if (out !== '' && out !== '[]' && out !== 'null') return [];
    return [
      makeFinding('no_documents', id, `${span.name}: retrieval returned no documents`, {
        query: span.retrievalQuery ?? null,
      }),
    ];
  }
  const findings: Finding[] = [];
  const low = lowRelevanceFinding(span, t);
  if (low) findings.push(low);
  const stale = staleFinding(span, t);
  if (stale) findings.push(stale);
  const dominance = dominanceFinding(span, t);
  if (dominance) findings.push(dominance);
  const judged = docs.filter((d) => {
    const text = (d.content ?? '').trim();
    return text.length >= MIN_JUDGED_CHARS || startsMidSentence(text);
  });
  const fragments = judged.filter((d) => isCutChunk(d.content ?? ''));
  if (fragments.length > 0 && fragments.length / judged.length >= t.fragmentedChunkShare) {
    findings.push(
      makeFinding(
        'fragmented_chunks',
        id,
        `${span.name}: ${fragments.length} of ${judged.length} chunks are cut mid-sentence`,
        {
          documentIds: docIds(fragments),
          endings: fragments.slice(0, 5).map((d) => (d.content ?? '').trimEnd().slice(-60)),
          share: fragments.length / judged.length,
          threshold: t.fragmentedChunkShare,
        },
      ),
    );
  }
  return findings;
}

/**
 * Low relevance on one ranking stage, judged only when its scores look like similarities.
 * The evidence carries how many of the question's words the documents hold at all, which
 * tells an off-corpus question (none) from a retrieval that missed (most).
 */
export function lowRelevanceFinding(span: Span, t: ClassifierThresholds): Finding | undefined {
  const docs = span.documents;
  const scores = docs
    .map((d) => d.score)
    .filter((s): s is number => typeof s === 'number' && Number.isFinite(s));
  if (scores.length === 0 || !scores.every((s) => s >= 0 && s <= 1)) return undefined;
  const top = Math.max(...scores);
  if (top <= RANK_FUSION_MAX || top >= t.lowRelevanceTopScore) return undefined;
  return makeFinding('low_relevance', [span.spanId], `${span.name}: best document scored ${top}`, {
    topScore: top,
    threshold: t.lowRelevanceTopScore,
    ...questionCoverage(span),
  });
}

/**
 * The retrieval query, how many content words it has and the share of them the span's
 * documents hold, with the documents' ids: the evidence every low-relevance finding carries.
 */
export function questionCoverage(span: Span): Record<string, AttributeValue> {
  const docText = normalizeText(span.documents.map((d) => d.content ?? '').join('\n'));
  return {
    query: span.retrievalQuery ?? null,
    queryTermCoverage: Math.round(queryCoverage(span.retrievalQuery, docText) * 1000) / 1000,
    queryTerms: queryTerms(span.retrievalQuery).length,
    documentIds: docIds(span.documents),
  };
}

/** Ingestion time of a document: the normalized field, else `ingested_at` metadata (ms or ISO). */
export function ingestedAt(doc: RetrievedDocument): number | undefined {
  if (doc.ingestedAtMs !== undefined) return doc.ingestedAtMs;
  const v = doc.metadata?.ingested_at ?? doc.metadata?.ingestedAt;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const ms = Date.parse(v);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

/** Where a document came from: the normalized field, else `source` metadata. */
export function sourceOf(doc: RetrievedDocument): string | undefined {
  const v = doc.source ?? doc.metadata?.source;
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/**
 * Whether a chunk ends mid-sentence or inside an open citation/parenthesis, or starts
 * mid-sentence. Headings, list items and table rows may end without punctuation.
 *
 * @example
 * isCutChunk('Refund policy. ers.'); // true: the text after the title starts mid-word
 */
export function isCutChunk(content: string): boolean {
  const text = content.trim();
  if (startsMidSentence(text)) return true;
  if (text.length < MIN_JUDGED_CHARS) return false;
  const tail = text.slice(-200);
  if (
    Math.max(tail.lastIndexOf('['), tail.lastIndexOf('(')) >
    Math.max(tail.lastIndexOf(']'), tail.lastIndexOf(')'))
  )
    return true;
  if (/[.!?)\]"'\u201d\u2019:;\u2026*`]$/.test(text)) return false;
  const lastLine = text.slice(text.lastIndexOf('\n') + 1).trimStart();
  return !/^(?:#|\||[-*\u2022]\s|\d+[.)]\s)/.test(lastLine);
}

const ABBREVIATION =
  /(?:^|\s)(?:[a-z]|e\.g|i\.e|etc|vs|approx|incl|no|nr|ca|cf|fig|st|dr|mr|mrs|ms)\.$/i;

/**
 * Whether a chunk begins inside a sentence: it opens with a lower-case word, or its opening
 * title ("Refund policy. ") is followed by one, as when a chunker prefixes each cut piece with
 * the document title.
 */
function startsMidSentence(text: string): boolean {
  if (/^[a-z]/.test(text)) return true;
  const title = /^([^.!?\n]{3,80}[.!?:])\s+([a-z])/.exec(text);
  return title !== null && !ABBREVIATION.test(title[1]!);
}

function staleFinding(span: Span, t: ClassifierThresholds): Finding | undefined {
  const dated = span.documents
    .map((d) => ({ d, at: ingestedAt(d) }))
    .filter((x): x is { d: RetrievedDocument; at: number } => x.at !== undefined);
  if (dated.length === 0) return undefined;
  const limit = t.staleDocumentAgeDays * DAY_MS;
  const stale = dated.filter((x) => span.startMs - x.at > limit);
  if (stale.length === 0 || stale.length / dated.length < t.staleDocumentShare) return undefined;
  const oldestDays = Math.max(...stale.map((x) => (span.startMs - x.at) / DAY_MS));
  return makeFinding(
    'stale_documents',
    [span.spanId],
    `${span.name}: ${stale.length} of ${dated.length} documents are over ${t.staleDocumentAgeDays} days old`,
    {
      documentIds: docIds(stale.map((x) => x.d)),
      oldestAgeDays: Math.round(oldestDays * 10) / 10,
      thresholdDays: t.staleDocumentAgeDays,
      share: stale.length / dated.length,
    },
  );
}

function dominanceFinding(span: Span, t: ClassifierThresholds): Finding | undefined {
  const sources = span.documents.map(sourceOf).filter((s): s is string => s !== undefined);
  if (sources.length < t.sourceDominanceMinDocs) return undefined;
  const counts = new Map<string, number>();
  for (const s of sources) counts.set(s, (counts.get(s) ?? 0) + 1);
  if (counts.size < 2) return undefined;
  const [top, n] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
  const share = n / sources.length;
  if (share <= t.sourceDominanceShare) return undefined;
  return makeFinding(
    'source_dominance',
    [span.spanId],
    `${span.name}: ${n} of ${sources.length} documents come from ${top}`,
    {
      source: top,
      share,
      threshold: t.sourceDominanceShare,
      documents: sources.length,
    },
  );
}

function docIds(docs: RetrievedDocument[]): string[] {
  return docs.map((d, i) => d.id ?? `#${i + 1}`);
}
