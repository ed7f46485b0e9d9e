import { describe, expect, it } from 'vitest';
import { CORPUS } from './index.js';
import { scoreCorpus } from './score-corpus.js';

describe('labelled corpus (exploration)', () => {
  it('prints', () => {
    const s = scoreCorpus(CORPUS);
    console.log(CORPUS.length, s.layerAccuracy, JSON.stringify(s.mismatches, null, 1));
    expect(s).toBeDefined();
  });
});
