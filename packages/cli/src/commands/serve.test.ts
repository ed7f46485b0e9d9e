import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';
import { captureContext } from '../../test/support/capture-context.js';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'glassbox-cli-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

/** Starts `serve` in-process; resolves once it prints its URL. */
async function startServe(argv: string[], env: Record<string, string> = {}) {
  const abort = new AbortController();
  const io = captureContext({ env, signal: abort.signal });
  const exit = runCli(['serve', '--port', '0', ...argv], io.context);
  const listening = io.waitFor(/Glassbox listening on (http:\/\/\S+)/);
  const first = await Promise.race([listening, exit]);
  if (typeof first === 'number') throw new Error(`serve exited ${first}: ${io.stderr()}`);
  const url = first[1]!.replace('0.0.0.0', '127.0.0.1');
  const stop = async () => {
    abort.abort();
    return exit;
  };
  return { url, io, stop };
}

describe('glassbox serve', () => {
  it('listens on a free port, answers /api/health, and stops cleanly', async () => {
    const server = await startServe(['--data-dir', dataDir]);
    try {
      const health = await fetch(`${server.url}/api/health`);
      expect(health.status).toBe(200);
      expect(server.io.stdout()).toContain(`storage: sqlite in ${dataDir}`);
      expect(server.io.stdout()).toContain(`OTEL_EXPORTER_OTLP_ENDPOINT=${server.url}`);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(server.io.stdout()).toMatch(/Shutting down \(abort\)[\s\S]*Stopped\./);
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
  });

  it('takes its settings from GLASSBOX_* variables, with flags winning', async () => {
    const other = join(dataDir, 'from-flag');
    const server = await startServe(['--data-dir', other], {
      GLASSBOX_DATA_DIR: join(dataDir, 'from-env'),
      GLASSBOX_HOST: 'localhost',
      GLASSBOX_PORT: '1',
    });
    try {
      expect(server.io.stdout()).toContain(`storage: sqlite in ${other}`);
      expect(server.url).toMatch(/^http:\/\/localhost:\d+$/);
      expect(server.url).not.toMatch(/:1$/);
    } finally {
      await server.stop();
    }
  });

  it('refuses to listen beyond loopback while no API key exists', async () => {
    const io = captureContext();
    const code = await runCli(
      ['serve', '--host', '0.0.0.0', '--port', '0', '--data-dir', dataDir],
      io.context,
    );
    expect(code).toBe(1);
    expect(io.stderr()).toMatch(/refusing to listen on 0\.0\.0\.0 without an API key/);
    expect(io.stderr()).toMatch(/glassbox keys create --project NAME/);
    expect(io.stdout()).not.toMatch(/listening/);
  });

  it('listens beyond loopback once a key exists', async () => {
    const keys = captureContext();
    expect(
      await runCli(['keys', 'create', '--project', 'shop', '--data-dir', dataDir], keys.context),
    ).toBe(0);
    const server = await startServe(['--host', '0.0.0.0', '--data-dir', dataDir]);
    try {
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      expect(server.io.stdout()).toContain('OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer ');
    } finally {
      await server.stop();
    }
  });

  it('reports a port in use without a stack trace', async () => {
    const blocker = createNetServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const io = captureContext();
      const code = await runCli(
        ['serve', '--port', String(port), '--data-dir', dataDir],
        io.context,
      );
      expect(code).toBe(1);
      expect(io.stderr()).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect(io.stderr()).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  });

  it('names the unreachable database and suggests a fix', async () => {
    const io = captureContext();
    const code = await runCli(
      ['serve', '--port', '0', '--database-url', 'postgres://postgres@127.0.0.1:1/x'],
      io.context,
    );
    expect(code).toBe(1);
    expect(io.stderr()).toMatch(/cannot reach PostgreSQL at 127\.0\.0\.1:1 \(connection refused\)/);
    expect(io.stderr()).toMatch(/--database-url/);
    expect(io.stderr()).not.toMatch(/\n\s+at /);
  });
});
