import { describe, expect, it } from 'vitest';
import { abstentionFindings } from './abstention-rules.js';
import { doc, llmSpan, retrieverSpan, T0 } from '../../test/corpus/span-factory.js';
import { resolveThresholds } from './thresholds.js';

const t = resolveThresholds();
const retrieved = (score: number) =>
  retrieverSpan('r', 'Is there a student discount on Plus?', [
    doc('a', 'Gift cards are sold in amounts of 25 and 50 euros.', score),
  ]);
const answer = (text: string) =>
  llmSpan('l', 'Is there a student discount?', text, { startMs: T0 + 300 });

describe('abstentionFindings', () => {
  it('reports low relevance when the answer says the documents do not cover the question', () => {
    const [f] = abstentionFindings(
      [
        retrieved(0.62),
        answer('The provided context does not contain information about student discounts.'),
      ],
      t,
    );
    expect(f).toMatchObject({
      category: 'low_relevance',
      spanIds: ['r', 'l'],
      evidence: { abstention: 'does not contain information', topScore: 0.62, queryTerms: 3 },
    });
  });

  it('stays quiet for answers, for traces without documents, and when the scores already said so', () => {
    expect(
      abstentionFindings([retrieved(0.62), answer('Students get 40 percent off.')], t),
    ).toEqual([]);
    expect(
      abstentionFindings([answer("I can't answer that from the provided sources.")], t),
    ).toEqual([]);
    expect(
      abstentionFindings(
        [retrieved(0.1), answer("I can't answer that from the provided sources.")],
        t,
      ),
    ).toEqual([]);
  });
});
