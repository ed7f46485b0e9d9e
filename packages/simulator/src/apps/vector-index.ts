import { cosine } from '../embeddings/embed-text.js';
import { keyTerms, overlap } from '../text/key-terms.js';
import type { Chunk } from './chunk-document.js';

/** A chunk in the index, with its vector and where and when it came from. */
export interface IndexedChunk extends Chunk {
  vector: number[];
  source: string;
  ingestedAt: number;
  /** The index version the chunk was ingested into (`index_version` in its metadata). */
  indexVersion: string;
}

export interface SearchHit {
  chunk: IndexedChunk;
  /** Hybrid relevance in [0, 1]: half cosine similarity, half share of query terms found. */
  score: number;
}

/**
 * A small in-memory vector index: exact hybrid search, upsert by chunk id. Enough for a
 * corpus of a few hundred chunks, and it keeps retrieval scores real.
 *
 * @example index.upsert(chunks); index.search(queryVector, 4)
 */
export class VectorIndex {
  private readonly chunks = new Map<string, IndexedChunk>();

  constructor(
    readonly name: string,
    public version: string,
  ) {}

  upsert(chunks: readonly IndexedChunk[]): void {
    for (const chunk of chunks) this.chunks.set(chunk.id, chunk);
  }

  /** Drops every chunk of these documents (before re-ingesting them with a new chunker). */
  removeDocuments(documentIds: readonly string[]): void {
    const ids = new Set(documentIds);
    for (const [id, chunk] of this.chunks) if (ids.has(chunk.documentId)) this.chunks.delete(id);
  }

  get size(): number {
    return this.chunks.size;
  }

  /** Hybrid search (vector plus keyword), the way most production RAG stacks retrieve. */
  search(vector: readonly number[], query: string, topK: number): SearchHit[] {
    const terms = keyTerms(query);
    const hits = [...this.chunks.values()].map((chunk) => {
      const semantic = Math.max(0, cosine(vector, chunk.vector));
      const keyword = terms.length ? overlap(terms, chunk.text) / terms.length : 0;
      return { chunk, score: Math.min(1, 0.5 * semantic + 0.5 * keyword) };
    });
    hits.sort((a, b) => b.score - a.score || a.chunk.id.localeCompare(b.chunk.id));
    return hits.slice(0, topK);
  }
}
