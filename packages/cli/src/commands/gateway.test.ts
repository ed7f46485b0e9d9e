import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator } from '@glassbox/simulator';
import type { RunningSimulator } from '@glassbox/simulator';
import { runCli } from '../run-cli.js';
import { captureContext } from '../../test/support/capture-context.js';

let dir: string;
let sim: RunningSimulator;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'glassbox-gateway-cli-'));
  sim = await startSimulator({ seed: 5 });
});
afterEach(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

async function startGatewayCli(argv: string[]) {
  const abort = new AbortController();
  const io = captureContext({ env: { SIM_KEY: 'sk-sim' }, signal: abort.signal });
  const exit = runCli(
    ['gateway', '--port', '0', '--data-dir', dir, '--glassbox-url', 'off', ...argv],
    io.context,
  );
  const first = await Promise.race([io.waitFor(/gateway listening on (http:\/\/\S+)/), exit]);
  if (typeof first === 'number') throw new Error(`gateway exited ${first}: ${io.stderr()}`);
  return { url: first[1]!, io, stop: () => (abort.abort(), exit) };
}

const ask = (url: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }] }),
  });

describe('glassbox gateway', () => {
  it('proxies with a YAML config, then requires a project key once one exists', async () => {
    const config = join(dir, 'gateway.yaml');
    writeFileSync(
      config,
      `providers:\n  - name: sim\n    baseUrl: ${sim.baseURL}\n    apiKeyEnv: SIM_KEY\n`,
    );
    const open = await startGatewayCli(['--config', config]);
    try {
      expect((await ask(open.url)).status).toBe(200);
      expect(open.io.stdout()).toContain(`export OPENAI_BASE_URL=${open.url}/v1`);
    } finally {
      expect(await open.stop()).toBe(0);
    }
    const keys = captureContext({});
    expect(
      await runCli(['keys', 'create', '--project', 'shop', '--data-dir', dir], keys.context),
    ).toBe(0);
    const key = /\b(gbx_\S+)/.exec(keys.stdout())![1]!;
    const locked = await startGatewayCli(['--config', config]);
    try {
      expect((await ask(locked.url)).status).toBe(401);
      expect((await ask(locked.url, { authorization: `Bearer ${key}` })).status).toBe(200);
    } finally {
      await locked.stop();
    }
  });

  it('rejects a bad config at start naming the line', async () => {
    const config = join(dir, 'gateway.yaml');
    writeFileSync(config, `providers:\n  - name: sim\n    baseUrl: ftp://nowhere\n`);
    const io = captureContext({});
    expect(await runCli(['gateway', '--config', config, '--data-dir', dir], io.context)).toBe(2);
    expect(io.stderr()).toContain(`${config}:3: providers[0].baseUrl must be an http(s) URL`);
  });
});

describe('glassbox serve --gateway', () => {
  it('runs the gateway beside the server, and its requests arrive as traces in Glassbox', async () => {
    const config = join(dir, 'gateway.yaml');
    writeFileSync(config, `providers:\n  - name: sim\n    baseUrl: ${sim.baseURL}\n`);
    const abort = new AbortController();
    const io = captureContext({ signal: abort.signal });
    const exit = runCli(
      [
        'serve',
        '--port',
        '0',
        '--data-dir',
        dir,
        '--gateway',
        '--gateway-port',
        '0',
        '--gateway-config',
        config,
      ],
      io.context,
    );
    const first = await Promise.race([io.waitFor(/Gateway listening on (http:\/\/\S+):/), exit]);
    if (typeof first === 'number') throw new Error(`serve exited ${first}: ${io.stderr()}`);
    try {
      const server = /Glassbox listening on (http:\/\/\S+)/.exec(io.stdout())![1]!;
      expect((await ask(first[1]!)).status).toBe(200);
      let traces: { items: { rootName?: string; name?: string }[] } = { items: [] };
      for (let i = 0; i < 50 && traces.items.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        traces = (await (await fetch(`${server}/api/traces`)).json()) as typeof traces;
      }
      expect(traces.items.length).toBe(1);
    } finally {
      abort.abort();
      expect(await exit).toBe(0);
    }
  });
});
