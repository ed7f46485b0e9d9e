import { describe, expect, it } from 'vitest';
import { checkGroundedness } from './check-groundedness.js';
import { extractCitations, extractEntities, extractNumbers } from './extract-claims.js';
import { detectRefusal } from './refusal-patterns.js';

describe('extractClaims', () => {
  it('finds citations in bracket and source forms, not markdown links', () => {
    expect(
      extractCitations(
        'See [1], [2, 3], [doc-7] and [^4] (Source: handbook.pdf) or [the guide](http://x).',
      ),
    ).toEqual(['1', '2', '3', 'doc-7', '4', 'handbook.pdf']);
  });

  it('normalizes numbers with currency, separators, percent and multipliers; skips list numbers and identifiers', () => {
    const n = extractNumbers(
      '1. Pay $1,200.50 for 15% off\n2. 3 bags on gpt-4o, 1.5 million users',
      true,
    );
    expect(n.map((x) => x.raw)).toEqual(['$1,200.50', '15%', '1.5 million']);
    expect(n[2]!.values).toEqual([1.5, 1_500_000]);
  });

  it('takes capitalized runs and acronyms as entities but not sentence openers', () => {
    expect(
      extractEntities(
        'The fee is waived. Travellers to New York pay GDPR fees via Acme Corp, says Maria.',
      ),
    ).toEqual(['New York', 'GDPR', 'Acme Corp', 'Maria']);
  });
});

describe('checkGroundedness', () => {
  const documents = [
    { id: 'd1', content: 'Refunds are issued within 14 days. Lounges are in Lisbon and Porto.' },
  ];

  it('passes an answer whose facts are in the documents or the question', () => {
    const r = checkGroundedness({
      answer: 'Within 14 days, in Lisbon too [1]. Your 3 tickets at 240 EUR qualify.',
      documents,
      query: 'Do my 3 tickets for 240 EUR qualify?',
    });
    expect([...r.missingCitations, ...r.missingNumbers, ...r.missingEntities]).toEqual([]);
  });

  it('reports missing numbers, entities, citations and contradictions', () => {
    const r = checkGroundedness({
      answer: 'Refunds are issued within 45 days at the Madrid Central office [3].',
      documents,
      query: 'How long do refunds take?',
    });
    expect(r.missingNumbers).toEqual(['45']);
    expect(r.missingEntities).toEqual(['Madrid Central']);
    expect(r.missingCitations).toEqual(['3']);
    expect(r.contradictedNumbers).toEqual(['45']);
    expect(r.queryTermCoverage).toBe(1);
  });

  // Written to trip backtracking regular expressions: one that is not linear runs past the
  // test's timeout. Speed itself is measured by the ingest benchmarks, not asserted here.
  it('checks a 100 KB answer of half-open citations and numbers', () => {
    const answer = `${'Abc Def 12,345.67% [x (Source: '.repeat(3000)}${'a'.repeat(20_000)}`;
    const r = checkGroundedness({ answer, documents });
    expect(r.missingNumbers).toEqual(['12,345.67%']);
    expect(r.missingCitations).toEqual([]);
  });
});

describe('detectRefusal', () => {
  it('matches refusal phrasing with curly apostrophes, not ordinary apologies', () => {
    expect(detectRefusal('I\u2019m sorry, but I cannot share personal data.')).toBe(
      "i'm sorry, but i cannot",
    );
    expect(detectRefusal('As an AI language model, I do not have opinions.')).toBe(
      'as an ai language model',
    );
    expect(detectRefusal('Sorry for the delay! Your flight is confirmed.')).toBeUndefined();
  });
});
