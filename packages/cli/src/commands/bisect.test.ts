import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStorage } from '@glassbox/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';
import { captureContext } from '../../test/support/capture-context.js';
import { replayScenario, type ReplayScenario } from '../../test/support/replay-scenario.js';

let scenario: ReplayScenario;
beforeAll(async () => {
  scenario = await replayScenario('sampling-change');
}, 120_000);
afterAll(async () => {
  await scenario?.close();
});

const env = () => ({ OPENAI_BASE_URL: scenario.sim.baseURL, GLASSBOX_DATA_DIR: scenario.dataDir });
const chatCalls = () => scenario.sim.stats().requests.byRoute.chat ?? 0;

describe('glassbox bisect against the simulator', () => {
  it('names sampling as the factor that fixes the sampling-change incident', async () => {
    const io = captureContext({ env: env() });
    const code = await runCli(
      ['bisect', scenario.bad.traceId, '--good', scenario.good.traceId, '--json'],
      io.context,
    );
    expect(code).toBe(0);
    const result = JSON.parse(io.stdout());
    expect(result.verdict).toMatchObject({ kind: 'factor', factors: ['sampling'] });
    const arms = Object.fromEntries(result.arms.map((a: { name: string }) => [a.name, a]));
    expect(arms.bad.trials).toBe(20);
    expect(arms.bad.failures).toBeGreaterThanOrEqual(15);
    expect(arms.sampling.failures).toBeLessThanOrEqual(3);
    expect(arms.sampling.adjustedPValue).toBeLessThan(0.05);
    for (const arm of result.arms.filter(
      (a: { name: string }) => a.name !== 'sampling' && a.name !== 'bad',
    ))
      expect(arm.fixes).toBe(false);
    expect(io.stderr()).toMatch(/planned \d+ calls over arms bad, sampling/);
    expect(io.stderr()).toMatch(/sampling: \d+\/20 failed/);
    expect(io.stderr()).toMatch(new RegExp(`stored as bisection run ${result.runId}`));
    const storage = await openStorage({ dataDir: scenario.dataDir });
    try {
      const runs = await storage.replays.listRuns('default', scenario.bad.traceId);
      expect(runs.find((r) => r.id === result.runId)).toMatchObject({
        kind: 'bisect',
        summary: 'sampling fixes it',
      });
    } finally {
      await storage.close();
    }
  }, 60_000);

  it('--good before finds the latest healthy trace of the route before the failing one', async () => {
    const io = captureContext({ env: env() });
    const code = await runCli(
      ['bisect', scenario.bad.traceId, '--good', 'before', '--trials', '10', '--dry-run'],
      io.context,
    );
    expect(code).toBe(0);
    expect(io.stdout()).toMatch(
      /against good trace [0-9a-f]{32} \(the latest healthy trace of the route before it\)/,
    );
    expect(io.stdout()).toMatch(/Differing factors: sampling/);
  });

  it('--good snapshot bisects against the version snapshot the failing call pinned', async () => {
    const before = chatCalls();
    const io = captureContext({ env: env() });
    const code = await runCli(
      ['bisect', scenario.bad.traceId, '--good', 'snapshot', '--dry-run'],
      io.context,
    );
    expect(code).toBe(0);
    expect(io.stdout()).toMatch(/against its version snapshot \(.*param\.temperature=/);
    expect(io.stdout()).toMatch(/Differing factors: .*sampling/);
    expect(chatCalls()).toBe(before);
  });

  it('prints the plan and calls nothing on --dry-run', async () => {
    const before = chatCalls();
    const io = captureContext({ env: env() });
    const code = await runCli(
      [
        'bisect',
        scenario.bad.traceId,
        '--good',
        scenario.good.traceId,
        '--dry-run',
        '--factors',
        'sampling',
      ],
      io.context,
    );
    expect(code).toBe(0);
    expect(io.stdout()).toMatch(/Planned: 40 calls \(20 trials per arm\), estimated \$0\.\d+/);
    expect(chatCalls()).toBe(before);
  });

  it('stops at the budget cap and keeps the results so far', async () => {
    const io = captureContext({ env: env() });
    const code = await runCli(
      [
        'bisect',
        scenario.bad.traceId,
        '--good',
        scenario.good.traceId,
        '--budget',
        '0.0015',
        '--json',
      ],
      io.context,
    );
    const result = JSON.parse(io.stdout());
    expect(result.stoppedByBudget).toBe(true);
    expect(result.costUsd).toBeLessThanOrEqual(0.0015);
    expect(result.arms[0].trials).toBeGreaterThan(0);
    if (result.verdict.kind !== 'factor') {
      expect(code).toBe(3);
      expect(result.verdict.reason).toMatch(/the budget of \$0.0015 stopped the run/);
    }
  }, 60_000);

  it.each([
    [['--good'], 2, /--good/],
    [['--good', 'x'.repeat(32), '--trials', '0'], 2, /invalid --trials "0"/],
    [['--factors', 'colour'], 2, /unknown factor 'colour'/],
    [['--budget', '0.0000001'], 2, /does not cover one trial/],
  ])('refuses %j', async (flags, exit, message) => {
    const io = captureContext({ env: env() });
    const args = flags[0] === '--good' ? flags : ['--good', scenario.good.traceId, ...flags];
    expect(await runCli(['bisect', scenario.bad.traceId, ...args], io.context)).toBe(exit);
    expect(io.stderr()).toMatch(message);
  });

  it('says how to configure a provider when none is', async () => {
    const io = captureContext({ env: { GLASSBOX_DATA_DIR: scenario.dataDir } });
    expect(
      await runCli(['bisect', scenario.bad.traceId, '--good', scenario.good.traceId], io.context),
    ).toBe(1);
    expect(io.stderr()).toMatch(/no model provider is configured: set OPENAI_API_KEY/);
  });

  it('names an unknown trace', async () => {
    const io = captureContext({ env: env() });
    expect(
      await runCli(['bisect', 'e'.repeat(32), '--good', scenario.good.traceId], io.context),
    ).toBe(1);
    expect(io.stderr()).toMatch(/trace e{32} not found in project default/);
  });
});

describe('glassbox replay against the simulator', () => {
  it('replays the failing call as recorded, then at the good temperature, judged per trial', async () => {
    const asRecorded = captureContext({ env: env() });
    const args = [
      'replay',
      scenario.bad.traceId,
      '--span',
      scenario.bad.spanId,
      '--trials',
      '5',
      '--json',
    ];
    expect(await runCli(args, asRecorded.context)).toBe(0);
    const bad = JSON.parse(asRecorded.stdout());
    expect(bad.request).toMatchObject({ model: 'gpt-4o-mini', temperature: 1.3, max_tokens: 300 });
    expect(bad).toMatchObject({ judged: 5, failures: 5, errors: 0 });
    expect(bad.trials[0].output.length).toBeGreaterThan(0);
    expect(bad.trials[0].usage.input).toBeGreaterThan(0);

    const fixed = captureContext({ env: env() });
    expect(await runCli([...args, '--temperature', '0.2'], fixed.context)).toBe(0);
    const good = JSON.parse(fixed.stdout());
    expect(good.overridden).toEqual(['temperature']);
    expect(good.failures).toBeLessThan(bad.failures);
    expect(good.failureRate.upper).toBeLessThan(1);
  }, 60_000);

  it('prints a readable report with progress on stderr', async () => {
    const io = captureContext({ env: env() });
    const code = await runCli(
      ['replay', scenario.bad.traceId, '--span', scenario.bad.spanId, '--trials', '2'],
      io.context,
    );
    expect(code).toBe(0);
    expect(io.stdout()).toMatch(/Replay of span [0-9a-f]{16} .* on gpt-4o-mini/);
    expect(io.stdout()).toMatch(/Failure rate: \d\/2 = \d+% \[\d+%, \d+%\]/);
    expect(io.stderr()).toMatch(/\] 2\/2/);
  });

  it('answers UNKNOWN_MODEL when the provider does not know the model', async () => {
    scenario.sim.setConfig({ strictModels: true });
    try {
      const io = captureContext({ env: env() });
      const code = await runCli(
        ['replay', scenario.bad.traceId, '--span', scenario.bad.spanId, '--model', 'gpt-nope'],
        io.context,
      );
      expect(code).toBe(1);
      expect(io.stderr()).toMatch(/the provider does not know model 'gpt-nope'/);
    } finally {
      scenario.sim.setConfig({ strictModels: false });
    }
  });

  it.each([
    [[], 2, /replay needs --span/],
    [['--span', 'f'.repeat(16)], 1, /span f{16} not found/],
    [['--span', 'SPAN', '--temperature', 'hot'], 2, /invalid --temperature "hot"/],
  ])('refuses %j', async (flags, exit, message) => {
    const io = captureContext({ env: env() });
    const span = flags[1] === 'SPAN' ? [flags[0]!, scenario.bad.spanId, ...flags.slice(2)] : flags;
    expect(await runCli(['replay', scenario.bad.traceId, ...span], io.context)).toBe(exit);
    expect(io.stderr()).toMatch(message);
  });
});

describe('--providers FILE', () => {
  const write = (name: string, text: string) => {
    const file = join(scenario.dataDir, name);
    writeFileSync(file, text);
    return file;
  };

  it('calls the provider the file names, with the key from the variable it names', async () => {
    const file = write(
      'providers.yaml',
      `providers:\n  - name: sim\n    baseUrl: ${scenario.sim.baseURL}\n    apiKeyEnv: SIM_KEY\n    models: [gpt-4o-mini]\n`,
    );
    const io = captureContext({ env: { GLASSBOX_DATA_DIR: scenario.dataDir, SIM_KEY: 'k' } });
    const args = [
      'replay',
      scenario.bad.traceId,
      '--span',
      scenario.bad.spanId,
      '--providers',
      file,
    ];
    expect(await runCli([...args, '--json'], io.context)).toBe(0);
    expect(JSON.parse(io.stdout())).toMatchObject({ judged: 1, errors: 0 });
    const other = captureContext({ env: { GLASSBOX_DATA_DIR: scenario.dataDir, SIM_KEY: 'k' } });
    expect(await runCli([...args, '--model', 'gpt-4o'], other.context)).toBe(1);
    expect(other.stderr()).toMatch(
      /no configured provider serves model 'gpt-4o' \(sim: gpt-4o-mini\)/,
    );
    const keyless = captureContext({ env: { GLASSBOX_DATA_DIR: scenario.dataDir } });
    expect(await runCli(args, keyless.context)).toBe(1);
    expect(keyless.stderr()).toMatch(/provider sim needs its key in SIM_KEY/);
  });

  it.each([
    [
      'a literal key',
      'providers:\n  - { name: a, baseUrl: http://x, apiKey: sk-1 }\n',
      /providers\[0\]\.apiKey is not allowed/,
    ],
    ['no list', 'models: []\n', /providers must be a non-empty list/],
    ['broken YAML', 'providers: [\n', /is not valid YAML/],
  ])('refuses a providers file with %s, in replay and in serve', async (_, text, message) => {
    const file = write('bad-providers.yaml', text);
    for (const argv of [
      ['replay', scenario.bad.traceId, '--span', scenario.bad.spanId, '--providers', file],
      ['serve', '--port', '0', '--providers', file],
    ]) {
      const io = captureContext({ env: { GLASSBOX_DATA_DIR: scenario.dataDir } });
      expect(await runCli(argv, io.context)).toBe(2);
      expect(io.stderr()).toMatch(message);
    }
  });
});
