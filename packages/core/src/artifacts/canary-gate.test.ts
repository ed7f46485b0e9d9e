import { describe, expect, it } from 'vitest';
import { createRng } from '../stats/prng.js';
import { ArtifactError } from './artifact-error.js';
import {
  canaryArm,
  checkCanaryInput,
  observeCanary,
  startCanary,
  type CanaryOutcome,
  type CanaryState,
} from './canary-gate.js';

const context = { target: 1, salt: 'c1' };

/** Runs a canary on simulated traffic: `batch` requests per look, each unit hashed to its arm. */
function simulate(
  seed: number,
  rates: { control: number; canary: number },
  options: { percent?: number; minSamples?: number; maxRequests?: number; ramp?: number[] } = {},
) {
  const rng = createRng(seed);
  let state: CanaryState = startCanary(
    checkCanaryInput(
      {
        version: 2,
        percent: options.percent ?? 5,
        minSamples: options.minSamples ?? 2000,
        salt: `s${seed}`,
        ...(options.ramp ? { ramp: options.ramp } : {}),
      },
      context,
    ),
  );
  const ramps: number[] = [];
  for (let sent = 0; sent < (options.maxRequests ?? 400_000);) {
    const outcomes: CanaryOutcome[] = [];
    for (let i = 0; i < 500; i++, sent++) {
      const arm = canaryArm(state.spec, 'prompt/support', `user-${sent}`);
      outcomes.push({ arm, metric: 'error', failed: rng.next() < rates[arm] });
    }
    const judged = observeCanary(state, outcomes);
    state = judged.state;
    if (judged.verdict.action === 'ramp') ramps.push(judged.verdict.percent);
    if (judged.verdict.action === 'kill' || judged.verdict.action === 'promote') {
      return { verdict: judged.verdict, state, sent, ramps };
    }
  }
  return { verdict: { action: 'continue' as const }, state, sent: options.maxRequests, ramps };
}

describe('canary gate', () => {
  it('refuses a percent outside 0-100, an unknown unit, a ramp that goes down, the served version', () => {
    const code = (input: Parameters<typeof checkCanaryInput>[0]) => {
      try {
        checkCanaryInput(input, context);
      } catch (error) {
        return error instanceof ArtifactError ? `${error.code}: ${error.message}` : 'other';
      }
      return 'ok';
    };
    expect(code({ version: 2, percent: 101 })).toMatch(
      /invalid_canary: canary percent must be within 0-100, got 101/,
    );
    expect(code({ version: 2, percent: 5, unit: 'tenant' })).toMatch(
      /unit must be one of user, session/,
    );
    expect(code({ version: 2, percent: 5, ramp: [25, 10] })).toMatch(
      /a ramp only goes up: 5 -> 25 -> 10/,
    );
    expect(code({ version: 1, percent: 5 })).toMatch(/already serves/);
    expect(code({ version: 2, percent: 5, metrics: [] })).toMatch(/at least one gate metric/);
    expect(code({ version: 2, percent: 5 })).toBe('ok');
  });

  it('refuses outcomes for a metric that is not a gate', () => {
    const state = startCanary(checkCanaryInput({ version: 2, percent: 5 }, context));
    expect(() =>
      observeCanary(state, [{ arm: 'canary', metric: 'latency', failed: true }]),
    ).toThrow('metric "latency" is not a gate of this canary; gates: error');
  });

  it('kills a 5 % canary with a 20 % relative regression (5 % -> 6 % errors), naming the metric', () => {
    const kills = [1, 2, 3].map((seed) =>
      simulate(
        seed,
        { control: 0.05, canary: 0.06 },
        { minSamples: 1_000_000, maxRequests: 2_000_000 },
      ),
    );
    for (const run of kills) {
      expect(run.verdict.action).toBe('kill');
      expect(run.state.status).toBe('killed');
      expect(run.state.reason).toMatch(
        /^error rate .* on v2 vs .* on control \(mSPRT always-valid p/,
      );
    }
  });

  it('kills a large regression fast', () => {
    const run = simulate(7, { control: 0.02, canary: 0.2 });
    expect(run.verdict.action).toBe('kill');
    expect(run.state.metrics.error?.treatment.trials).toBeLessThan(500);
  });

  it('kills A/A canaries at most at the rate alpha allows, and promotes the rest after the minimum sample', () => {
    const runs = Array.from({ length: 100 }, (_, seed) =>
      simulate(1000 + seed, { control: 0.05, canary: 0.05 }, { percent: 25, minSamples: 1000 }),
    );
    const kills = runs.filter((r) => r.verdict.action === 'kill').length;
    // alpha .01: 4 or more false kills in 100 would happen with probability under 2 %.
    expect(kills).toBeLessThanOrEqual(3);
    expect(runs.filter((r) => r.verdict.action === 'promote')).toHaveLength(100 - kills);
  });

  it('ramps step by step, only adding units, and promotes at the step to 100 %', () => {
    const run = simulate(
      11,
      { control: 0.05, canary: 0.05 },
      { percent: 1, ramp: [5, 25, 100], minSamples: 300 },
    );
    expect(run.ramps).toEqual([5, 25]);
    expect(run.verdict.action).toBe('promote');
  });
});
