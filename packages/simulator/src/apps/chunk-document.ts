import type { CorpusDocument } from './load-corpus.js';

/** A piece of a document as the index stores it. */
export interface Chunk {
  id: string;
  documentId: string;
  title: string;
  text: string;
}

/**
 * How documents are cut: whole sentences up to `maxChars` (the healthy chunker), a fixed
 * character window that cuts through sentences and citations (a common regression), or the
 * whole document as one chunk (long imports that skip chunking).
 */
export type ChunkingStrategy =
  { kind: 'sentences'; maxChars: number } | { kind: 'fixed'; size: number } | { kind: 'whole' };

/**
 * Cuts a document into chunks with ids `<doc>#<n>`.
 *
 * @example chunkDocument(doc, { kind: 'sentences', maxChars: 400 })[0].id // 'refund-policy#0'
 */
export function chunkDocument(doc: CorpusDocument, strategy: ChunkingStrategy): Chunk[] {
  const make = (text: string, i: number): Chunk => ({
    id: `${doc.id}#${i}`,
    documentId: doc.id,
    title: doc.title,
    text: text.trim(),
  });
  switch (strategy.kind) {
    case 'whole':
      return [make(doc.body, 0)];
    case 'fixed': {
      if (!(strategy.size >= 20)) throw new RangeError('fixed chunk size must be >= 20 characters');
      const pieces: string[] = [];
      for (let at = 0; at < doc.body.length; at += strategy.size) {
        pieces.push(doc.body.slice(at, at + strategy.size));
      }
      return pieces.map(make);
    }
    case 'sentences': {
      if (!(strategy.maxChars >= 20)) throw new RangeError('maxChars must be >= 20 characters');
      const sentences = doc.body.match(/[^.!?]+[.!?]+(?:\s+|$)|[^.!?]+$/g) ?? [doc.body];
      const pieces: string[] = [];
      let current = '';
      for (const sentence of sentences) {
        if (current && current.length + sentence.length > strategy.maxChars) {
          pieces.push(current);
          current = '';
        }
        current += sentence;
      }
      if (current.trim()) pieces.push(current);
      return pieces.map(make);
    }
  }
}
