import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { trace } from '../helpers/trace.js';
import { init, type GlassboxHandle } from './init.js';
import type { GlassboxSdkError } from './sdk-error.js';
import { throttledWarn } from './telemetry-health.js';

let handle: GlassboxHandle | undefined;
const servers: Server[] = [];
afterEach(async () => {
  await handle?.shutdown();
  handle = undefined;
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function listen(
  onRequest: (req: IncomingMessage, respond: (status: number) => void) => void,
): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () =>
      onRequest(req, (status) =>
        res.writeHead(status, { 'content-type': 'application/x-protobuf' }).end(),
      ),
    );
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

async function tracedWork(count: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i++) expect(await trace(`work-${i}`, async () => i)).toBe(i);
  return performance.now() - started;
}

describe('a down or slow Glassbox server costs the application nothing', () => {
  it('closed port: calls succeed fast, failed exports are counted and reported', async () => {
    const errors: GlassboxSdkError[] = [];
    handle = init({
      endpoint: await closedPort(),
      env: {},
      scheduledDelayMillis: 10,
      exportTimeoutMillis: 500,
      onError: (e) => errors.push(e),
    });
    expect(await tracedWork(20)).toBeLessThan(200);
    await handle.flush();
    expect(handle.stats().failedSpans).toBe(20);
    expect(handle.stats().exportedSpans).toBe(0);
    expect(errors.some((e) => e.code === 'export_failed')).toBe(true);
  });

  it('hanging server: export times out, shutdown resolves within its timeout', async () => {
    const errors: string[] = [];
    const endpoint = await listen(() => undefined);
    handle = init({
      endpoint,
      env: {},
      scheduledDelayMillis: 10,
      exportTimeoutMillis: 200,
      shutdownTimeoutMillis: 600,
      onError: (e) => errors.push(e.code),
    });
    expect(await tracedWork(5)).toBeLessThan(100);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(handle.stats().failedSpans).toBe(5);
    await trace('late', () => undefined);
    const started = performance.now();
    await handle.shutdown();
    expect(performance.now() - started).toBeLessThan(1000);
    handle = undefined;
    expect(errors).toContain('export_failed');
  });

  it('bounded queue: spans past maxQueueSize are dropped and counted', async () => {
    const errors: string[] = [];
    const endpoint = await listen(() => undefined);
    handle = init({
      endpoint,
      env: {},
      maxQueueSize: 10,
      maxExportBatchSize: 10,
      scheduledDelayMillis: 60_000,
      exportTimeoutMillis: 200,
      shutdownTimeoutMillis: 500,
      onError: (e) => errors.push(e.code),
    });
    await tracedWork(25);
    expect(handle.stats().droppedSpans).toBeGreaterThanOrEqual(5);
    expect(errors).toContain('spans_dropped');
  });

  it('a throwing error handler and invalid config never reach the application', async () => {
    handle = init({
      endpoint: await closedPort(),
      env: {},
      scheduledDelayMillis: 5,
      exportTimeoutMillis: 300,
      onError: () => {
        throw new Error('handler bug');
      },
    });
    await tracedWork(3);
    await handle.flush();
    expect(handle.stats().failedSpans).toBe(3);
    const codes: string[] = [];
    const disabled = init({ endpoint: 'nope', env: {}, onError: (e) => codes.push(e.code) });
    expect(disabled.enabled).toBe(false);
    expect(codes).toEqual(['invalid_config']);
  });
});

describe('throttledWarn', () => {
  it('warns at most once per interval and counts the rest', () => {
    const warnings: string[] = [];
    let now = 0;
    const warn = throttledWarn(
      60_000,
      (m) => warnings.push(m),
      () => now,
    );
    const error = { code: 'export_failed', message: 'down' } as GlassboxSdkError;
    warn(error);
    now = 1000;
    warn(error);
    warn(error);
    now = 61_000;
    warn(error);
    expect(warnings).toEqual([
      '[glassbox] export_failed: down',
      '[glassbox] export_failed: down (2 more problems since the last warning)',
    ]);
  });
});
