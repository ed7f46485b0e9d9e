import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type GlassboxServer } from '@glassbox/server';
import { createMemoryStorage } from '@glassbox/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callApi, evalInDir } from '../../test/support/eval-in-dir.js';

/*
 * `glassbox eval --gate prompt/NAME@N --server URL` records the run's outcome as the version's
 * eval gate: a passing run lets a protected label move there, a failing one does not.
 */

const PASSING =
  "prompts: ['hello']\nproviders: [echo]\ntests:\n  - assert: [{ type: contains, value: hello }]\n";
const FAILING =
  "prompts: ['hello']\nproviders: [echo]\ntests:\n  - assert: [{ type: contains, value: bye }]\n";

let dir: string;
let server: GlassboxServer;

const api = (method: string, path: string, body?: unknown) =>
  callApi(server.url, method, path, body);
const evaluate = (config: string, args: string[]) =>
  evalInDir(dir, config, args, { GLASSBOX_ACTOR: 'ci' });

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'glassbox-eval-gate-'));
  server = await createServer({ storage: createMemoryStorage(), host: '127.0.0.1', port: 0 });
  for (const text of ['one', 'two']) {
    await api('POST', '/api/artifacts/prompt/support/versions', {
      content: [{ role: 'system', content: text }],
    });
  }
  await api('PUT', '/api/artifacts/prompt/support/labels/production', {
    version: 1,
    reason: 'launch',
  });
  await api('PUT', '/api/artifacts/prompt/support/labels/production/protection', {
    protected: true,
    reason: 'evals first',
  });
});
afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('glassbox eval --gate', () => {
  it('records a failing run as a failed gate (the label stays), a passing one as passed (it moves)', async () => {
    const failing = await evaluate(FAILING, ['--gate', 'prompt/support@2', '--server', server.url]);
    expect(failing.code).toBe(100);
    expect(failing.out).toMatch(/Gate failed for prompt\/support@2 \(recorded /);
    const move = () =>
      api('PUT', '/api/artifacts/prompt/support/labels/production', { version: 2, reason: 'ship' });
    expect((await move()).status).toBe(403);

    const passing = await evaluate(PASSING, ['--gate', 'prompt/support@2', '--server', server.url]);
    expect(passing.code).toBe(0);
    expect(passing.out).toMatch(/Gate passed for prompt\/support@2/);
    const gates = (await api('GET', '/api/artifacts/prompt/support/versions/2/gates')).body.items;
    expect(gates[0]).toMatchObject({ passed: true, passRate: 1, total: 1, actor: 'ci' });
    expect(gates[1]).toMatchObject({ passed: false, passRate: 0 });
    expect(await move()).toMatchObject({ status: 200, body: { to: 2, gateId: gates[0].id } });
  });

  it('refuses a malformed --gate before running, and names a version the server does not have', async () => {
    for (const bad of ['support@2', 'widget/support@2', 'prompt/support', 'prompt/support@0']) {
      const run = await evaluate(PASSING, ['--gate', bad, '--server', server.url]);
      expect(run.code, bad).toBe(1);
      expect(run.err, bad).toContain('expected KIND/NAME@VERSION');
    }
    const missing = await evaluate(PASSING, ['--gate', 'prompt/support@9', '--server', server.url]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('has no version 9');
  });
});
