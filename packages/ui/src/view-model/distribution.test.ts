import { describe, expect, it } from 'vitest';
import { compareDistributions } from './distribution.js';

describe('compareDistributions', () => {
  it('pairs share-shift shares per category, leaving out the test results', () => {
    const rows = compareDistributions(
      { search: 0.7, refund: 0.25, '(rare)': 0.05 },
      { search: 0.2, refund: 0.8, pValue: 1e-12, jensenShannon: 0.4 },
    );
    expect(rows).toEqual([
      { category: 'refund', baseline: 0.25, current: 0.8 },
      { category: 'search', baseline: 0.7, current: 0.2 },
      { category: '(rare)', baseline: 0.05, current: 0 },
    ]);
  });

  it('shows a dominating source against all others', () => {
    expect(
      compareDistributions({ source: 'wiki', share: 0.3 }, { source: 'wiki', share: 0.9 }),
    ).toEqual([
      { category: 'wiki', baseline: 0.3, current: 0.9 },
      { category: 'all other sources', baseline: 0.7, current: expect.closeTo(0.1) },
    ]);
  });

  it('is undefined for evidence without a distribution', () => {
    expect(compareDistributions({ rate: 0.05, requests: 1000 }, { rate: 0.2 })).toBeUndefined();
    expect(compareDistributions({ p95: 120, scale: 4 }, { p95: 300 })).toBeUndefined();
    expect(compareDistributions({ source: 'a', share: 0.1 }, { share: 0.5 })).toBeUndefined();
  });
});
