import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../packages/simulator/src/index.js';
import type { RunningSimulator } from '../../packages/simulator/src/index.js';
import { parityEnv, runGlassbox, runPromptfoo } from './parity-harness.js';

/**
 * The real promptfoo package and `glassbox eval` run the same configs against the simulator
 * (model answers and judge verdicts are deterministic there); every per-test verdict and the
 * exit code must be the same.
 */
let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 11 });
});
afterAll(async () => {
  await sim.close();
});

const CONFIGS = [
  'text.yaml',
  'csv.yaml',
  'json-scores.yaml',
  'openai.yaml',
  'graded.yaml',
  'scenarios.yaml',
  'all-pass.yaml',
];

describe('glassbox eval gives the same verdicts and exit codes as promptfoo', () => {
  for (const config of CONFIGS) {
    it(
      config,
      async () => {
        const env = parityEnv(sim.baseURL);
        const [theirs, ours] = await Promise.all([
          runPromptfoo(config, env),
          runGlassbox(config, env),
        ]);
        expect(theirs.verdicts.length, theirs.output).toBeGreaterThan(0);
        expect(ours.verdicts, ours.output).toEqual(theirs.verdicts);
        expect(ours.exitCode).toBe(theirs.exitCode);
      },
      180_000,
    );
  }

  it('honours PROMPTFOO_PASS_RATE_THRESHOLD and PROMPTFOO_FAILED_TEST_EXIT_CODE alike', async () => {
    const extras: Record<string, string>[] = [
      { PROMPTFOO_PASS_RATE_THRESHOLD: '50' },
      { PROMPTFOO_PASS_RATE_THRESHOLD: '90' },
      { PROMPTFOO_FAILED_TEST_EXIT_CODE: '7' },
    ];
    for (const extra of extras) {
      const env = parityEnv(sim.baseURL, extra);
      const [theirs, ours] = await Promise.all([
        runPromptfoo('text.yaml', env),
        runGlassbox('text.yaml', env),
      ]);
      expect({ extra, code: ours.exitCode }).toEqual({ extra, code: theirs.exitCode });
    }
  }, 240_000);

  it('exits 1 on a configuration error, as promptfoo does', async () => {
    const env = parityEnv(sim.baseURL);
    const [theirs, ours] = await Promise.all([
      runPromptfoo('bad-provider.yaml', env),
      runGlassbox('bad-provider.yaml', env),
    ]);
    expect(theirs.exitCode).toBe(1);
    expect(ours.exitCode).toBe(1);
    expect(ours.output).toContain('"no-such-provider:model" is not supported');
  }, 120_000);
});
