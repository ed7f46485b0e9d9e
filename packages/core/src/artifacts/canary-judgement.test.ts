import { describe, expect, it } from 'vitest';
import { ArtifactError } from './artifact-error.js';
import { judgementFailed } from './canary-judgement.js';

describe('judgementFailed', () => {
  it('takes failed as given, and a score below its threshold as a failure', () => {
    expect(judgementFailed({ metric: 'error', failed: true })).toBe(true);
    expect(judgementFailed({ metric: 'faithfulness', score: 0.42, passThreshold: 0.7 })).toBe(true);
    expect(judgementFailed({ metric: 'faithfulness', score: 0.7, passThreshold: 0.7 })).toBe(false);
    expect(judgementFailed({ metric: 'judge', score: 0.4 })).toBe(true);
    expect(judgementFailed({ metric: 'judge', score: 0.9, failed: false })).toBe(false);
  });

  it('refuses an outcome with neither, a non-finite score, or a score that contradicts failed', () => {
    for (const bad of [
      { metric: 'judge' },
      { metric: 'judge', score: Number.NaN },
      { metric: 'judge', score: 0.9, failed: true },
    ]) {
      expect(() => judgementFailed(bad)).toThrow(ArtifactError);
    }
    expect(() => judgementFailed({ metric: 'judge' })).toThrow(/needs "failed" or a "score"/);
  });
});
