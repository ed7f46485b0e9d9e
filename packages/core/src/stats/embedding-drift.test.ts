import { describe, expect, it } from 'vitest';
import { fnv1a32, hashingVectorize } from './hashing-vectorizer.js';
import { meanEmbeddingShift } from './embedding-shift.js';
import { mmdTest } from './mmd.js';
import { domainClassifierDrift } from './domain-classifier.js';
import { rocAuc } from './roc-auc.js';
import { cosineSimilarity } from './vectors.js';
import { createRng } from './prng.js';

const gaussians = (
  n: number,
  dim: number,
  seed: number,
  shift = 0,
  shiftedDims = dim,
): number[][] => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () =>
    Array.from({ length: dim }, (_, j) => rng.normal() + (j < shiftedDims ? shift : 0)),
  );
};

describe('hashingVectorize', () => {
  it('FNV-1a matches the published test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });
  it('is deterministic, unit length, and of the asked dimension', () => {
    const a = hashingVectorize('How do I reset my password?');
    expect(a).toHaveLength(256);
    expect(Math.hypot(...a)).toBeCloseTo(1, 12);
    expect(hashingVectorize('How do I reset my password?')).toEqual(a);
    expect(hashingVectorize('HOW do i reset my   password', { dimensions: 64 })).toHaveLength(64);
    expect(hashingVectorize('').every((v) => v === 0)).toBe(true);
    expect(() => hashingVectorize('x', { dimensions: 0 })).toThrow(/dimensions/);
  });
  it('places related texts closer than unrelated ones, case- and punctuation-insensitively', () => {
    const a = hashingVectorize('How do I reset my password?');
    const b = hashingVectorize('how can I reset the password');
    const c = hashingVectorize('Refund policy for annual subscriptions');
    expect(cosineSimilarity(a, hashingVectorize('HOW do I reset my password'))).toBeCloseTo(1, 12);
    expect(cosineSimilarity(a, b)).toBeGreaterThan(cosineSimilarity(a, c) + 0.3);
  });
});

describe('meanEmbeddingShift', () => {
  it('computes centroid cosine and mean cosines to the reference centroid', () => {
    const r = meanEmbeddingShift(
      [
        [1, 0],
        [1, 0],
      ],
      [
        [0, 1],
        [1, 1],
      ],
    );
    expect(r.centroidCosine).toBeCloseTo(0.5 / Math.sqrt(0.5 * 0.5 + 1), 14);
    expect(r.referenceMeanCosine).toBeCloseTo(1, 14);
    expect(r.currentMeanCosine).toBeCloseTo((0 + Math.SQRT1_2) / 2, 14);
    expect(() => meanEmbeddingShift([[1, 0]], [[1, 0, 0]])).toThrow(/dimension/);
  });
});

describe('mmdTest', () => {
  it('matches a brute-force unbiased MMD² with a given bandwidth', () => {
    const x = [
      [0, 0],
      [1, 0],
      [0, 2],
    ];
    const y = [
      [3, 1],
      [2, 2],
      [4, 0],
      [1, 1],
    ];
    const k = (a: number[], b: number[]) =>
      Math.exp(-((a[0]! - b[0]!) ** 2 + (a[1]! - b[1]!) ** 2) / (2 * 1.5 ** 2));
    let xx = 0;
    let yy = 0;
    let xy = 0;
    for (const a of x) for (const b of x) if (a !== b) xx += k(a, b);
    for (const a of y) for (const b of y) if (a !== b) yy += k(a, b);
    for (const a of x) for (const b of y) xy += k(a, b);
    const expected = xx / 6 + yy / 12 - (2 * xy) / 12;
    expect(mmdTest(x, y, { bandwidth: 1.5, permutations: 10 }).mmd2).toBeCloseTo(expected, 14);
  });
  it('uses the median pairwise distance as bandwidth', () => {
    // Pooled points 0, 1, 3 on a line: distances 1, 3, 2 → median 2.
    expect(mmdTest([[0], [1]], [[3], [3]], { permutations: 5 }).bandwidth).toBe(2);
  });
  it('finds a mean shift and not a null, deterministically per seed', () => {
    const ref = gaussians(120, 8, 1);
    const same = mmdTest(ref, gaussians(120, 8, 2), { seed: 3, permutations: 100 });
    const moved = mmdTest(ref, gaussians(120, 8, 4, 0.5), { seed: 3, permutations: 100 });
    expect(same.pValue).toBeGreaterThan(0.05);
    expect(moved.pValue).toBeCloseTo(1 / 101, 12);
    expect(mmdTest(ref, gaussians(120, 8, 2), { seed: 3, permutations: 100 })).toEqual(same);
  });
  it('subsamples to maxPerSide and rejects degenerate input', () => {
    const r = mmdTest(gaussians(50, 2, 5), gaussians(40, 2, 6), {
      maxPerSide: 20,
      permutations: 5,
    });
    expect([r.referenceSize, r.currentSize]).toEqual([20, 20]);
    expect(() => mmdTest([[1], [1]], [[1], [1]])).toThrow(/coincide/);
    expect(() => mmdTest([[1]], [[1], [2]])).toThrow(/at least 2/);
  });
});

describe('rocAuc', () => {
  it('equals brute-force pair counting with ties as ½', () => {
    const rng = createRng(9);
    const scores = Array.from({ length: 60 }, () => Math.round(rng.next() * 10));
    const labels = scores.map((_, i) => (i % 3 === 0 ? 1 : 0)) as (0 | 1)[];
    let wins = 0;
    let pairs = 0;
    scores.forEach((s, i) => {
      if (labels[i] !== 1) return;
      scores.forEach((t, j) => {
        if (labels[j] !== 0) return;
        pairs++;
        wins += s > t ? 1 : s === t ? 0.5 : 0;
      });
    });
    expect(rocAuc(scores, labels)).toBeCloseTo(wins / pairs, 14);
    expect(() => rocAuc([1, 2], [1, 1])).toThrow(/both classes/);
  });
});

describe('domainClassifierDrift', () => {
  it('stays near 0.5 without drift and flags a shift (AUC > .55)', () => {
    const ref = gaussians(300, 16, 11);
    const none = domainClassifierDrift(ref, gaussians(300, 16, 12), { seed: 1, bootstrap: false });
    expect(none.auc).toBeLessThan(0.55);
    expect(none).toMatchObject({ drift: false, threshold: 0.55, thresholdMethod: 'fixed' });
    const shifted = domainClassifierDrift(ref, gaussians(300, 16, 13, 0.6, 3), { seed: 1 });
    expect(shifted.auc).toBeGreaterThan(0.75);
    expect(shifted.drift).toBe(true);
  });
  it('uses a random-classifier 95th percentile threshold for small references', () => {
    const r = domainClassifierDrift(gaussians(300, 4, 14), gaussians(300, 4, 15), { seed: 1 });
    expect(r.thresholdMethod).toBe('bootstrap');
    // Normal approximation of the null AUC: 0.5 + 1.645·√((n₁+n₂+1)/(12n₁n₂)) ≈ 0.539.
    expect(r.threshold).toBeGreaterThan(0.525);
    expect(r.threshold).toBeLessThan(0.555);
    expect(r.drift).toBe(r.auc > r.threshold);
  });
  it('detects a topic change in text through the hashing vectorizer', () => {
    const rng = createRng(21);
    const pick = (xs: string[]) => xs[rng.int(xs.length)]!;
    const refund = () =>
      `${pick(['how do i get', 'can i request', 'where is'])} a refund for my ${pick(['order', 'subscription', 'plan'])}`;
    const login = () =>
      `${pick(['i cannot', 'how do i', 'help me'])} reset the password on my ${pick(['account', 'login', 'profile'])}`;
    const ref = Array.from({ length: 150 }, () => hashingVectorize(refund(), { dimensions: 64 }));
    const cur = Array.from({ length: 150 }, () =>
      hashingVectorize(rng.next() < 0.5 ? refund() : login(), { dimensions: 64 }),
    );
    const r = domainClassifierDrift(ref, cur, { seed: 2 });
    expect(r.auc).toBeGreaterThan(0.65);
    const shift = meanEmbeddingShift(ref, cur);
    expect(shift.currentMeanCosine).toBeLessThan(shift.referenceMeanCosine - 0.1);
  });
  it('validates options', () => {
    expect(() => domainClassifierDrift([[1]], [[1]], { folds: 5 })).toThrow(/at least 5/);
  });
});
