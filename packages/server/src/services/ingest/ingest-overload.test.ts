import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage, type Storage } from '@glassbox/store';
import { afterAll, describe, expect, it } from 'vitest';
import { createServer } from '../../create-server.js';

const CONNECTIONS = 64;
const REQUESTS_PER_CONNECTION = 3;
const TRACES_PER_REQUEST = 10;
const SPANS_PER_TRACE = 10;
const GIB = 1024 ** 3;

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** An OTLP/JSON body of new traces, each a root with children carrying about 2 KB of prompt. */
function body(): Buffer {
  const prompt = 'how do I return a damaged order '.repeat(64);
  const spans = [];
  for (let t = 0; t < TRACES_PER_REQUEST; t++) {
    const traceId = randomBytes(16).toString('hex');
    const rootId = randomBytes(8).toString('hex');
    for (let s = 0; s < SPANS_PER_TRACE; s++) {
      spans.push({
        traceId,
        spanId: s === 0 ? rootId : randomBytes(8).toString('hex'),
        ...(s === 0 ? {} : { parentSpanId: rootId }),
        name: s === 0 ? 'invoke_agent' : 'chat gpt-4o',
        startTimeUnixNano: `${BigInt(Date.now()) * 1_000_000n}`,
        endTimeUnixNano: `${BigInt(Date.now() + 5) * 1_000_000n}`,
        attributes: [
          {
            key: 'gen_ai.operation.name',
            value: { stringValue: s === 0 ? 'invoke_agent' : 'chat' },
          },
          { key: 'gen_ai.prompt', value: { stringValue: prompt } },
        ],
      });
    }
  }
  return Buffer.from(JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans }] }] }));
}

interface Answer {
  status: number;
  retryAfter: string | undefined;
}

function post(agent: http.Agent, url: URL, payload: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/json', 'content-length': payload.length };
    const request = http.request(url, { method: 'POST', agent, headers }, (response) => {
      response.resume();
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, retryAfter: response.headers['retry-after'] }),
      );
    });
    request.on('error', reject);
    request.end(payload);
  });
}

async function storedSpans(storage: Storage): Promise<number> {
  let spans = 0;
  let cursor: string | undefined;
  do {
    const page = await storage.traces.listTraces({
      projectId: 'default',
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    for (const trace of page.items) spans += trace.spanCount;
    cursor = page.nextCursor;
  } while (cursor);
  return spans;
}

describe('ingest under overload', () => {
  it('refuses what it cannot queue with Retry-After, stays bounded and loses nothing it acknowledged', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'glassbox-overload-'));
    dirs.push(dataDir);
    const storage = await openStorage({ dataDir });
    // A small write queue, so 64 connections sending at once are sure to overflow it.
    const server = await createServer({
      storage,
      host: '127.0.0.1',
      port: 0,
      writeQueue: { maxPendingSpans: 100 },
    });
    let peakRss = process.memoryUsage.rss();
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }, 20);
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    const url = new URL('/v1/traces', server.url);
    const answers: Answer[] = [];
    try {
      await Promise.all(
        Array.from({ length: CONNECTIONS }, async () => {
          for (let i = 0; i < REQUESTS_PER_CONNECTION; i++) {
            answers.push(await post(agent, url, body()));
          }
        }),
      );
    } finally {
      clearInterval(sampler);
      agent.destroy();
      await server.close();
    }
    const acknowledged = answers.filter((a) => a.status === 200).length;
    const refused = answers.filter((a) => a.status === 429 || a.status === 503);
    expect(answers.map((a) => a.status).filter((s) => ![200, 429, 503].includes(s))).toEqual([]);
    expect(acknowledged).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    for (const answer of refused) expect(Number(answer.retryAfter)).toBeGreaterThan(0);
    // Every acknowledged span was committed, and no refused one was.
    expect(await storedSpans(storage)).toBe(acknowledged * TRACES_PER_REQUEST * SPANS_PER_TRACE);
    expect(peakRss).toBeLessThan(GIB);
    await storage.close();
  }, 180_000);
});
