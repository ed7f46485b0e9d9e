import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type GlassboxServer } from '@glassbox/server';
import { openStorage, type Storage } from '@glassbox/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';
import { captureContext } from '../../test/support/capture-context.js';

let dir: string;
let storage: Storage;
let server: GlassboxServer;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'glassbox-datasets-'));
  storage = await openStorage({ dataDir: join(dir, 'data') });
  server = await createServer({ storage, host: '127.0.0.1', port: 0 });
});
afterEach(async () => {
  await server.close();
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  const io = captureContext({ env: { GLASSBOX_ENDPOINT: server.url }, cwd: dir });
  const code = await runCli(argv, io.context);
  return { code, out: io.stdout(), err: io.stderr() };
}

const rows = Array.from({ length: 12 }, (_, i) => `q${i},refund question ${i},icontains:refund`);

describe('glassbox datasets and eval --dataset', () => {
  it('imports, refuses a bad file whole, exports, and lists versions', async () => {
    writeFileSync(join(dir, 'items.csv'), `id,q,__expected\n${rows.join('\n')}\n`);
    expect((await cli('datasets', 'import', 'support', 'items.csv')).out).toMatch(
      /^Created support@1 {2}12 items/,
    );
    writeFileSync(join(dir, 'bad.jsonl'), '{"vars":{"q":"x"}}\n{"vars":[]}\n');
    const bad = await cli('datasets', 'import', 'support', 'bad.jsonl', '--append');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/line 2: "vars" must be an object/);
    expect((await cli('datasets', 'list')).out).toMatch(/^support@1 {2}12 items/);
    expect((await cli('datasets', 'export', 'support@1', '-o', 'out.jsonl')).code).toBe(0);
    expect(readFileSync(join(dir, 'out.jsonl'), 'utf8').trim().split('\n')).toHaveLength(12);
    const unknown = await cli('datasets', 'import', 'support', 'items.txt');
    expect(unknown.err).toMatch(/expected a \.jsonl or \.csv file/);
  });

  it('records runs of a dataset and gates on a significant regression against a stored run', async () => {
    writeFileSync(join(dir, 'items.csv'), `id,q,__expected\n${rows.join('\n')}\n`);
    await cli('datasets', 'import', 'support', 'items.csv');
    writeFileSync(join(dir, 'good.yaml'), "prompts: ['Answer: {{q}}']\nproviders: [echo]\n");
    writeFileSync(join(dir, 'bad.yaml'), "prompts: ['No answer']\nproviders: [echo]\n");
    const first = await cli(
      'eval',
      '--no-progress',
      '-c',
      'good.yaml',
      '--dataset',
      'support',
      '--record',
    );
    expect(first.code).toBe(0);
    const runId = /Recorded run (\S+) on support@1/.exec(first.out)?.[1];
    expect(runId).toBeDefined();
    const stored = await storage.evals.runs.getExperimentRun('default', runId as string);
    expect(stored?.outcomes).toHaveLength(12);
    expect(stored?.outcomes[0]).toMatchObject({
      itemId: 'q0',
      repeat: 0,
      pass: true,
      output: 'Answer: refund question 0',
    });
    expect(stored?.outcomes[0]?.assertions[0]).toMatchObject({ type: 'icontains', pass: true });

    const worse = await cli(
      'eval',
      '--no-progress',
      '-c',
      'bad.yaml',
      '--dataset',
      'support@1',
      '--record',
      '--baseline',
      runId as string,
    );
    expect(worse.code).toBe(100);
    expect(worse.out).toMatch(/Against the baseline: worse \(12 paired items\)/);
    expect((await storage.evals.runs.listExperimentRuns('default')).length).toBe(2);

    const refused = await cli('eval', '--no-progress', '-c', 'good.yaml', '--record');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/--record needs --dataset/);
    const missing = await cli('eval', '--no-progress', '-c', 'good.yaml', '--dataset', 'nope@1');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/dataset "nope" has no version 1|not found/);
  });
});
