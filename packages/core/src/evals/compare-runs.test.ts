import { describe, expect, it } from 'vitest';
import { bootstrapMeanInterval } from './bootstrap-interval.js';
import { compareRuns } from './compare-runs.js';
import type { RunItemResult } from './compare-runs.js';
import { itemFlakiness } from './flakiness.js';
import { minimumDetectableEffect } from './minimum-detectable-effect.js';

const item = (itemId: string, passes: boolean[], scores = passes.map(Number)): RunItemResult => ({
  itemId,
  passes,
  scores,
});

describe('compareRuns', () => {
  it('calls a paired regression worse, with McNemar on discordant items', () => {
    const baseline = Array.from({ length: 40 }, (_, i) => item(`q${i}`, [true]));
    const candidate = Array.from({ length: 40 }, (_, i) => item(`q${i}`, [i >= 12]));
    const c = compareRuns(baseline, candidate, { seed: 1 });
    const passRate = c.metrics.find((m) => m.metric === 'pass rate');
    expect(passRate?.test).toBe('mcnemar-exact');
    // 12 pass→fail, 0 fail→pass: p = 2 · 0.5^12
    expect(passRate?.pValue).toBeCloseTo(2 * 0.5 ** 12, 10);
    expect(passRate?.difference.mean).toBeCloseTo(-0.3);
    expect(passRate?.difference.high).toBeLessThan(0);
    expect(c.verdict).toBe('worse');
  });

  it('does not call a small difference significant, and says what would be needed', () => {
    const baseline = Array.from({ length: 20 }, (_, i) => item(`q${i}`, [i % 2 === 0]));
    const candidate = Array.from({ length: 20 }, (_, i) => item(`q${i}`, [i % 2 === 0 || i === 1]));
    const c = compareRuns(baseline, candidate, { targetEffect: 0.05 });
    expect(c.verdict).toBe('no significant difference');
    expect(c.minimumDetectableEffect.itemsNeeded).toBeGreaterThan(20);
    expect(c.minimumDetectableEffect.note).toContain('needs about');
  });

  it('tests scores with Wilcoxon, Holm-adjusts across metrics, reports flakiness and unpaired items', () => {
    const baseline = Array.from({ length: 30 }, (_, i) => ({
      ...item(`q${i}`, [true, true], [0.9, 0.9]),
      namedScores: { tone: [0.8, 0.8] },
    }));
    const candidate: RunItemResult[] = Array.from({ length: 30 }, (_, i) => ({
      ...item(`q${i}`, [true, i % 3 !== 0], [0.5 + i / 1000, 0.5]),
      namedScores: { tone: [0.8, 0.8] },
    }));
    candidate.push(item('extra', [true]));
    const c = compareRuns(baseline, candidate);
    const score = c.metrics.find((m) => m.metric === 'score');
    expect(score?.test).toBe('wilcoxon-signed-rank');
    expect(score?.verdict).toBe('worse');
    expect(c.metrics.find((m) => m.metric === 'tone')?.pValue).toBe(1);
    for (const m of c.metrics) expect(m.adjustedPValue).toBeGreaterThanOrEqual(m.pValue);
    expect(c.unpairedItems).toEqual(['extra']);
    expect(c.flakiness.candidate.filter((f) => f.flaky)).toHaveLength(10);
  });

  it('refuses runs that share no items', () => {
    expect(() => compareRuns([item('a', [true])], [item('b', [true])])).toThrow(/no items/);
  });
});

describe('bootstrap, flakiness, minimum detectable effect', () => {
  it('bootstrap interval brackets the mean and is reproducible', () => {
    const diffs = [0.1, 0.2, -0.1, 0.3, 0, 0.2, 0.1];
    const a = bootstrapMeanInterval(diffs, { seed: 4 });
    expect(a).toEqual(bootstrapMeanInterval(diffs, { seed: 4 }));
    expect(a.low).toBeLessThan(a.mean);
    expect(a.high).toBeGreaterThan(a.mean);
  });

  it('flakiness is disagreement across repeats', () => {
    expect(itemFlakiness('x', [true, false, true])).toMatchObject({ passRate: 2 / 3, flaky: true });
    expect(itemFlakiness('x', [true, true])).toMatchObject({ passRate: 1, flaky: false });
  });

  it('minimum detectable effect follows (z_α/2 + z_β)·sd/√n', () => {
    const diffs = [1, -1, 1, -1, 0, 0, 1, -1];
    const sd = Math.sqrt(diffs.reduce((s, d) => s + d * d, 0) / (diffs.length - 1));
    const m = minimumDetectableEffect(diffs);
    expect(m.effect).toBeCloseTo(((1.959964 + 0.841621) * sd) / Math.sqrt(8), 4);
    const withRepeats = minimumDetectableEffect(diffs, {
      repeats: 2,
      withinVariance: 0.8,
      targetEffect: 1,
    });
    expect(withRepeats.repeatsNeeded).toBe(2);
  });
});
