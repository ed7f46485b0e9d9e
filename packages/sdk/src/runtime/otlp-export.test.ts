import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trace } from '../helpers/trace.js';
import { init } from './init.js';

interface Received {
  path: string;
  contentType: string | undefined;
  authorization: string | undefined;
  bytes: number;
}

let server: Server;
let endpoint: string;
const received: Received[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let bytes = 0;
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => {
      received.push({
        path: req.url ?? '',
        contentType: req.headers['content-type'],
        authorization: req.headers.authorization,
        bytes,
      });
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('OTLP export with the real exporter', () => {
  it('posts protobuf batches to /v1/traces with the bearer key', async () => {
    const handle = init({
      endpoint,
      apiKey: 'gb_test_key',
      serviceName: 'e2e',
      env: {},
      scheduledDelayMillis: 10,
    });
    for (let i = 0; i < 3; i++) await trace(`step-${i}`, async () => i);
    await handle.shutdown();
    expect(received.length).toBeGreaterThanOrEqual(1);
    for (const request of received) {
      expect(request).toMatchObject({
        path: '/v1/traces',
        contentType: 'application/x-protobuf',
        authorization: 'Bearer gb_test_key',
      });
      expect(request.bytes).toBeGreaterThan(0);
    }
    expect(handle.stats()).toMatchObject({ exportedSpans: 3, failedSpans: 0, droppedSpans: 0 });
  });
});
