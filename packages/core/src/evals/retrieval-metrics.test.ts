import { describe, expect, it } from 'vitest';
import {
  ndcgAtK,
  precisionAtK,
  recallAtK,
  reciprocalRank,
  retrievalScores,
} from './retrieval-metrics.js';

describe('retrieval metrics', () => {
  const retrieved = ['d3', 'd1', 'd7', 'd2', 'd9'];
  const gold = ['d1', 'd2'];
  it('precision@k and recall@k', () => {
    expect(precisionAtK(retrieved, gold, 1)).toBe(0);
    expect(precisionAtK(retrieved, gold, 3)).toBeCloseTo(1 / 3);
    expect(precisionAtK(retrieved, gold, 5)).toBeCloseTo(2 / 5);
    expect(precisionAtK(['d1'], gold, 3)).toBeCloseTo(1 / 3);
    expect(recallAtK(retrieved, gold, 3)).toBe(0.5);
    expect(recallAtK(retrieved, gold, 5)).toBe(1);
  });
  it('MRR term and nDCG against hand-computed values', () => {
    expect(reciprocalRank(retrieved, gold)).toBe(0.5);
    expect(reciprocalRank(['x'], gold)).toBe(0);
    const dcg = 1 / Math.log2(3) + 1 / Math.log2(5);
    const ideal = 1 + 1 / Math.log2(3);
    expect(ndcgAtK(retrieved, gold, 5)).toBeCloseTo(dcg / ideal, 10);
    expect(retrievalScores(retrieved, gold).precisionAt3).toBeCloseTo(1 / 3);
  });
  it('rejects a bad k', () => {
    expect(() => precisionAtK(retrieved, gold, 0)).toThrow(/positive integer/);
  });
});
