import type { Span } from '../model/span.js';
import type { ChangeItem } from './postmortem.js';

/** Document metadata keys naming the index version a document was ingested into. */
const INDEX_VERSION_KEYS = ['index_version', 'indexVersion', 'index.version'];

/** One retrieved document as a retrieval span recorded it. */
export interface SeenDocument {
  id?: string;
  /** From the document's metadata, else the span's `index` version. */
  indexVersion?: string;
  ingestedAtMs?: number;
}

/** The documents one trace's retrievals returned, with the trace's start. */
export interface RetrievalSighting {
  traceId: string;
  startMs: number;
  documents: SeenDocument[];
}

/**
 * What a trace's retriever spans say about the index: each returned document with its
 * ingestion time (`ingested_at` metadata) and index version (`index_version` metadata, else
 * the span's `glassbox.version.index`). Undefined when the trace retrieved nothing.
 *
 * @example
 * retrievalSighting(detail.trace.traceId, detail.trace.startMs, detail.spans);
 */
export function retrievalSighting(
  traceId: string,
  startMs: number,
  spans: readonly Span[],
): RetrievalSighting | undefined {
  const documents: SeenDocument[] = [];
  for (const span of spans) {
    if (span.kind !== 'retriever') continue;
    for (const doc of span.documents) {
      const fromMetadata = INDEX_VERSION_KEYS.map((k) => doc.metadata?.[k]).find(
        (v) => typeof v === 'string' && v !== '',
      ) as string | undefined;
      const indexVersion = fromMetadata ?? span.versions.index;
      documents.push({
        ...(doc.id ? { id: doc.id } : {}),
        ...(indexVersion ? { indexVersion } : {}),
        ...(doc.ingestedAtMs !== undefined ? { ingestedAtMs: doc.ingestedAtMs } : {}),
      });
    }
  }
  return documents.length > 0 ? { traceId, startMs, documents } : undefined;
}

/**
 * Index changes the retrieved documents show, as "what changed" items: an index version
 * first seen after another one earlier in the window, and a document batch (documents
 * sharing one ingestion time) ingested within the window after its first retrieval, so
 * while traffic was watched (a batch older than every retrieval of the window is the index
 * as it stood, not a change). A version is dated by the
 * earliest ingestion of its documents in the window, else by the first trace that
 * retrieved it; a batch of a new version is that version's change, not a second one.
 *
 * @example
 * retrievalChanges(sightings, { fromMs, toMs, onsetMs });
 */
export function retrievalChanges(
  sightings: readonly RetrievalSighting[],
  window: { fromMs: number; toMs: number; onsetMs: number },
): ChangeItem[] {
  const ordered = [...sightings].sort((a, b) => a.startMs - b.startMs);
  const inWindow = (ms: number | undefined): ms is number =>
    ms !== undefined && ms >= window.fromMs && ms <= window.toMs;
  const versions = new Map<string, IndexVersionSeen>();
  const batches = new Map<number, BatchSeen>();
  for (const sighting of ordered) {
    sighting.documents.forEach((doc, i) => {
      const key = doc.id ?? `${sighting.traceId}#${i}`;
      if (doc.indexVersion !== undefined) {
        const seen = versions.get(doc.indexVersion) ?? { first: sighting, docs: new Set() };
        seen.docs.add(key);
        if (inWindow(doc.ingestedAtMs))
          seen.ingestedAtMs = Math.min(seen.ingestedAtMs ?? Infinity, doc.ingestedAtMs);
        versions.set(doc.indexVersion, seen);
      }
      if (inWindow(doc.ingestedAtMs)) {
        const seen = batches.get(doc.ingestedAtMs) ?? {
          first: sighting,
          docs: new Set(),
          versions: new Set(),
        };
        seen.docs.add(key);
        if (doc.indexVersion !== undefined) seen.versions.add(doc.indexVersion);
        batches.set(doc.ingestedAtMs, seen);
      }
    });
  }
  // The versions the window's first retrieval returned were live already; the others appeared.
  const live = [...versions].filter(([, seen]) => seen.first === ordered[0]).map(([v]) => v);
  const items: ChangeItem[] = [];
  const appeared = new Set<string>();
  for (const [version, seen] of versions) {
    if (live.includes(version)) continue;
    appeared.add(version);
    const atMs = seen.ingestedAtMs ?? seen.first.startMs;
    const ingested =
      seen.ingestedAtMs !== undefined
        ? `: ${documents(seen.docs.size)} ingested ${iso(seen.ingestedAtMs)}`
        : ' first retrieved';
    items.push({
      atMs,
      kind: 'version',
      text: `index version ${live[0] !== undefined ? `"${live[0]}" → ` : ''}"${version}"${ingested}`,
      offsetMs: atMs - window.onsetMs,
      links: [
        { kind: 'version', id: `index=${version}`, label: `index ${version}` },
        { kind: 'trace', id: seen.first.traceId, label: 'first trace retrieving it' },
      ],
    });
  }
  const watchedFromMs = ordered[0]?.startMs ?? window.fromMs;
  for (const [atMs, seen] of batches) {
    if (atMs < watchedFromMs || [...seen.versions].some((v) => appeared.has(v))) continue;
    const where = seen.versions.size > 0 ? ` of index ${[...seen.versions].join(', ')}` : '';
    items.push({
      atMs,
      kind: 'documents',
      text: `document batch ingested ${iso(atMs)}: ${documents(seen.docs.size)}${where}`,
      offsetMs: atMs - window.onsetMs,
      links: [{ kind: 'trace', id: seen.first.traceId, label: 'first trace retrieving it' }],
    });
  }
  return items;
}

interface IndexVersionSeen {
  first: RetrievalSighting;
  docs: Set<string>;
  /** Earliest ingestion of its documents within the window. */
  ingestedAtMs?: number;
}

interface BatchSeen {
  first: RetrievalSighting;
  docs: Set<string>;
  versions: Set<string>;
}

const iso = (ms: number) => new Date(ms).toISOString();
const documents = (n: number) => `${n} retrieved document${n === 1 ? '' : 's'}`;
