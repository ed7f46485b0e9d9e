import type { RetrievedDocument } from '../model/span.js';
import { extractClaims, extractNumbers, type Claims } from './extract-claims.js';
import { normalizeText } from './span-text.js';

export interface GroundednessInput {
  answer: string;
  /** The retrieved documents the answer should rest on. */
  documents: RetrievedDocument[];
  /** Everything else the model legitimately saw: the question, system prompt, tool results. */
  otherContext?: string;
  /** The user's question or retrieval query, to judge whether the documents cover it. */
  query?: string;
  /** `extractClaims(answer)`, when the caller already has it. */
  claims?: Claims;
}

export interface GroundednessReport {
  missingCitations: string[];
  missingNumbers: string[];
  missingEntities: string[];
  checkedClaims: number;
  /** Share of the query's content words found in the documents (1 when there is no query). */
  queryTermCoverage: number;
  /** Missing numbers whose surrounding words do occur in the documents: a contradiction, not a gap. */
  contradictedNumbers: string[];
}

const STOP = new Set(
  'about above after again also been before being between both could does doing down during each from further have having here how into just more most other over same should some such than that their them then there these they this those through under until very what when where which while will with would your yours please tell know need want long take takes make much many give like work able gets still really'.split(
    ' ',
  ),
);

/**
 * Check an answer's citations, numbers and named entities against its sources.
 *
 * @example
 * checkGroundedness({ answer: 'Refunds take 45 days [1].', documents: [{ content: 'Refunds take 14 days.' }] })
 *   .missingNumbers; // ['45']
 */
export function checkGroundedness(input: GroundednessInput): GroundednessReport {
  const docText = normalizeText(input.documents.map((d) => d.content ?? '').join('\n'));
  const allText = `${docText}\n${normalizeText(input.otherContext ?? '')}\n${normalizeText(input.query ?? '')}`;
  const known = new Set<number>();
  for (const n of extractNumbers(allText)) for (const v of n.values) known.add(round(v));
  const claims = input.claims ?? extractClaims(input.answer);

  const missingCitations = claims.citations.filter(
    (c) => !citationResolves(c, input.documents, allText),
  );
  const missingNumberClaims = claims.numbers.filter(
    (n) => !n.values.some((v) => known.has(round(v))),
  );
  const missingEntities = claims.entities.filter((e) => !entityPresent(e, allText));
  const contradictedNumbers = missingNumberClaims
    .filter((n) => {
      const cue = cueWord(input.answer, n.index);
      return cue !== undefined && docText.includes(cue);
    })
    .map((n) => n.raw);
  return {
    missingCitations,
    missingNumbers: [...new Set(missingNumberClaims.map((n) => n.raw))],
    missingEntities,
    checkedClaims: claims.citations.length + claims.numbers.length + claims.entities.length,
    queryTermCoverage: queryCoverage(input.query, docText),
    contradictedNumbers: [...new Set(contradictedNumbers)],
  };
}

function round(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

function citationResolves(key: string, docs: RetrievedDocument[], allText: string): boolean {
  const k = key.toLowerCase();
  if (/^\d+$/.test(k)) {
    const n = Number(k);
    if (n >= 1 && n <= docs.length) return true;
  }
  for (const d of docs) {
    const names = [
      d.id,
      d.source,
      meta(d, 'title'),
      meta(d, 'source'),
      meta(d, 'url'),
      meta(d, 'name'),
    ];
    if (
      names.some(
        (x) => x !== undefined && (x.toLowerCase() === k || x.toLowerCase().endsWith(`/${k}`)),
      )
    )
      return true;
  }
  return !/^\d+$/.test(k) && k.length > 3 && allText.includes(k);
}

function meta(d: RetrievedDocument, key: string): string | undefined {
  const v = d.metadata?.[key];
  return typeof v === 'string' ? v : undefined;
}

function entityPresent(entity: string, text: string): boolean {
  const e = entity.toLowerCase();
  if (text.includes(e)) return true;
  const words = e.split(' ').filter((w) => w.length > 2);
  return words.length > 1 && words.every((w) => text.includes(w));
}

/** The nearest content word before a number in the answer ("refund window is 45" -> "window"). */
function cueWord(answer: string, index: number): string | undefined {
  const words = answer
    .slice(Math.max(0, index - 60), index)
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length >= 4 && !STOP.has(w));
  return words[words.length - 1];
}

/**
 * The question's content words: four letters or more, not stop words, each once.
 *
 * @example
 * queryTerms('Do cargo trikes need a licence?'); // ['cargo', 'trikes', 'licence']
 */
export function queryTerms(query: string | undefined): string[] {
  if (!query) return [];
  return [
    ...new Set(
      query
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter((w) => w.length >= 4 && !STOP.has(w)),
    ),
  ];
}

/**
 * Share of the question's content words (`queryTerms`) found in the already normalized
 * `docText`; 1 when the question has none. Long words match by stem.
 *
 * @example
 * queryCoverage('Do cargo trikes need a licence?', 'helmets are recommended'); // 0
 */
export function queryCoverage(query: string | undefined, docText: string): number {
  const terms = queryTerms(query);
  if (terms.length === 0) return 1;
  const hits = terms.filter((t) =>
    docText.includes(t.length > 5 ? t.slice(0, t.length - 2) : t),
  ).length;
  return hits / terms.length;
}
