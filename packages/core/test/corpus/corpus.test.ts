import { describe, expect, it } from 'vitest';
import { FAILURE_CATEGORIES, type FailureCategory } from '../../src/classify/failure-categories.js';
import { CORPUS } from './index.js';
import { scoreCorpus } from './score-corpus.js';

/** Floors equal to what the corpus achieves today; raise them, never lower them silently. */
const MIN_PRECISION = 1;
const MIN_RECALL = 1;
const MIN_LAYER_ACCURACY = 1;

describe('labelled failure corpus', () => {
  const score = scoreCorpus(CORPUS);

  it('holds enough realistic traces, clean ones included', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(60);
    expect(CORPUS.filter((t) => t.expected.length === 0).length).toBeGreaterThanOrEqual(15);
    expect(new Set(CORPUS.map((t) => t.name)).size).toBe(CORPUS.length);
  });

  it('labels every category of the taxonomy at least once', () => {
    const labelled = new Set(CORPUS.flatMap((t) => t.expected));
    const missing = (Object.keys(FAILURE_CATEGORIES) as FailureCategory[]).filter(
      (c) => !labelled.has(c),
    );
    expect(missing).toEqual([]);
  });

  it('reaches the precision / recall floors per category and the layer accuracy floor', () => {
    const rows = score.categories.map(
      (c) =>
        `${c.category.padEnd(30)} ${c.precision.toFixed(2)}      ${c.recall.toFixed(2)}   (tp ${c.truePositives}, fp ${c.falsePositives}, fn ${c.falseNegatives})`,
    );
    console.log(
      `category                       precision recall\n${rows.join('\n')}\nlayer accuracy ${score.layerAccuracy.toFixed(3)} over ${CORPUS.length} traces`,
    );
    if (score.mismatches.length > 0) console.log(JSON.stringify(score.mismatches, null, 1));
    for (const c of score.categories) {
      expect.soft(c.precision, `precision of ${c.category}`).toBeGreaterThanOrEqual(MIN_PRECISION);
      expect.soft(c.recall, `recall of ${c.category}`).toBeGreaterThanOrEqual(MIN_RECALL);
    }
    expect(score.layerAccuracy).toBeGreaterThanOrEqual(MIN_LAYER_ACCURACY);
  });

  it('finds nothing in clean traces', () => {
    expect(score.cleanTracesWithFindings).toBe(0);
  });
});
