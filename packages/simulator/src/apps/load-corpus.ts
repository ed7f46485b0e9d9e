import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One help-center article of the shipped corpus. */
export interface CorpusDocument {
  id: string;
  title: string;
  section: string;
  updatedAt: string;
  body: string;
}

/** The corpus folder shipped with the package (src/ and dist/ sit at the same depth). */
export const CORPUS_DIR = fileURLToPath(new URL('../../corpus/', import.meta.url));

/** Which file: the original help center, or the later policy update. */
export type CorpusEdition = 'help-center' | 'help-center-update';

/**
 * Reads the fictional Brightpath help center shipped in `packages/simulator/corpus`.
 *
 * @example loadCorpus().find((d) => d.id === 'refund-policy')?.body
 */
export function loadCorpus(edition: CorpusEdition = 'help-center'): CorpusDocument[] {
  const raw = JSON.parse(readFileSync(`${CORPUS_DIR}${edition}.json`, 'utf8')) as {
    documents?: unknown;
  };
  if (!Array.isArray(raw.documents)) {
    throw new TypeError(`${edition}.json: expected a "documents" array`);
  }
  return raw.documents.map((doc, i) => checkDocument(doc, `${edition}.json documents[${i}]`));
}

function checkDocument(value: unknown, where: string): CorpusDocument {
  const doc = value as Record<string, unknown>;
  for (const key of ['id', 'title', 'section', 'updatedAt', 'body'] as const) {
    if (typeof doc?.[key] !== 'string' || doc[key] === '') {
      throw new TypeError(`${where}: "${key}" must be a non-empty string`);
    }
  }
  return doc as unknown as CorpusDocument;
}

/** The corpus with `updates` replacing documents of the same id (a published corpus update). */
export function applyCorpusUpdate(
  base: readonly CorpusDocument[],
  updates: readonly CorpusDocument[],
): CorpusDocument[] {
  const byId = new Map(updates.map((d) => [d.id, d]));
  return base.map((d) => byId.get(d.id) ?? d);
}
