import { describe, expect, it } from 'vitest';
import { judgeBisection, type ArmTally } from './judge-bisection.js';

const arm = (name: string, failures: number, trials = 20, errors = 0): ArmTally => ({
  name,
  factors: name === 'bad' ? [] : (name.split('+') as ArmTally['factors']),
  trials,
  failures,
  errors,
});

describe('judgeBisection', () => {
  it('names the one factor whose swap fixes the failure, with p, Holm and intervals', () => {
    const { bad, arms, verdict } = judgeBisection(arm('bad', 14), [
      arm('model', 13),
      arm('sampling', 1),
      arm('prompt', 12),
    ]);
    expect(verdict.kind).toBe('factor');
    expect(verdict.factors).toEqual(['sampling']);
    expect(bad.failureRate!.estimate).toBeCloseTo(0.7);
    expect(bad.failureRate!.lower).toBeCloseTo(0.481, 3);
    const sampling = arms[1]!;
    // scipy.stats.fisher_exact([[14, 6], [1, 19]]).pvalue = 3.9314e-05
    expect(sampling.pValue).toBeCloseTo(3.9314e-5, 8);
    expect(sampling.adjustedPValue).toBeCloseTo(3 * sampling.pValue!, 10);
    expect(sampling.effect!.estimate).toBeCloseTo(0.65);
    expect(sampling.effect!.lower).toBeGreaterThan(0.3);
    expect(arms[0]!.fixes).toBe(false);
  });

  it('says no single factor fixes it, then names the pair that does', () => {
    const singles = [arm('model', 15), arm('prompt', 13)];
    expect(judgeBisection(arm('bad', 15), singles).verdict.kind).toBe('none');
    const { verdict } = judgeBisection(arm('bad', 15), [...singles, arm('model+prompt', 0)]);
    expect(verdict).toMatchObject({ kind: 'pair', factors: ['model', 'prompt'] });
  });

  it('reports several fixing factors instead of picking one', () => {
    const { verdict } = judgeBisection(arm('bad', 20), [arm('model', 0), arm('prompt', 1)]);
    expect(verdict).toMatchObject({ kind: 'several', factors: ['model', 'prompt'] });
  });

  it('abstains when the bad call does not fail on replay', () => {
    const { verdict } = judgeBisection(arm('bad', 0), [arm('model', 0)]);
    expect(verdict.kind).toBe('abstain');
    expect(verdict.reason).toMatch(/did not fail in 20 replays/);
  });

  it('abstains when no replay of the bad call got an answer, and skips arms with none', () => {
    expect(judgeBisection(arm('bad', 0, 0, 20), [arm('model', 0)]).verdict.reason).toMatch(
      /20 provider errors/,
    );
    const { arms } = judgeBisection(arm('bad', 10), [arm('model', 0, 0, 20), arm('prompt', 0)]);
    expect(arms[0]).toMatchObject({ pValue: null, failureRate: null, fixes: false });
    expect(arms[1]!.adjustedPValue).toBe(arms[1]!.pValue);
  });

  it('abstains when neither a factor nor a pair fixes it', () => {
    const { verdict } = judgeBisection(arm('bad', 12), [
      arm('model', 11),
      arm('prompt', 10),
      arm('model+prompt', 9),
    ]);
    expect(verdict.kind).toBe('abstain');
    expect(verdict.reason).toMatch(/neither one factor nor a pair/);
  });
});
