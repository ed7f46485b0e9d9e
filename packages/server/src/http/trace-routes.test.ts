import { beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { JSON_TYPE, testApp } from '../../test/support/test-app.js';

type Attr = Record<string, string | number | string[]>;

function anyValue(v: string | number | string[]): object {
  if (Array.isArray(v)) return { arrayValue: { values: v.map((s) => ({ stringValue: s })) } };
  return typeof v === 'number' ? { doubleValue: v } : { stringValue: v };
}

function traceBody(
  traceId: string,
  startMs: number,
  rootName: string,
  attributes: Attr,
  error = false,
) {
  const nanos = (ms: number) => `${BigInt(ms) * 1_000_000n}`;
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
        scopeSpans: [
          {
            spans: [
              {
                traceId,
                spanId: traceId.slice(0, 16),
                name: rootName,
                startTimeUnixNano: nanos(startMs),
                endTimeUnixNano: nanos(startMs + 100),
                attributes: Object.entries(attributes).map(([key, v]) => ({
                  key,
                  value: anyValue(v),
                })),
                status: { code: error ? 2 : 0 },
              },
              {
                traceId,
                spanId: `${traceId.slice(0, 15)}f`,
                parentSpanId: traceId.slice(0, 16),
                name: 'child',
                startTimeUnixNano: nanos(startMs + 10),
                endTimeUnixNano: nanos(startMs + 20),
              },
            ],
          },
        ],
      },
    ],
  };
}

const T1 = '11111111111111111111111111111111';
const T2 = '22222222222222222222222222222222';
const T3 = '33333333333333333333333333333333';
const BASE = Date.parse('2025-03-01T00:00:00Z');

async function send(app: FastifyInstance, body: object, key?: string) {
  const headers = key ? { ...JSON_TYPE, authorization: `Bearer ${key}` } : JSON_TYPE;
  const res = await app.inject({ method: 'POST', url: '/v1/traces', headers, payload: body });
  expect(res.statusCode, res.body).toBe(200);
}

describe('query API', () => {
  let app: FastifyInstance;
  const ids = async (query: string) => {
    const res = await app.inject(`/api/traces${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as { traceId: string }[]).map((t) => t.traceId);
  };

  beforeEach(async () => {
    ({ app } = await testApp());
    await send(
      app,
      traceBody(T1, BASE, 'answer', {
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.provider.name': 'openai',
        'session.id': 'sess-1',
        'user.id': 'alice',
        'input.value': 'What is the refund policy?',
        'glassbox.tags': ['prod', 'rag'],
        'glassbox.version.prompt': 'v2',
      }),
    );
    await send(
      app,
      traceBody(
        T2,
        BASE + 60_000,
        'answer',
        {
          'gen_ai.operation.name': 'embeddings',
          'gen_ai.request.model': 'text-embedding-3-small',
          'gen_ai.provider.name': 'openai',
          'session.id': 'sess-1',
          'user.id': 'bob',
          'glassbox.tags': ['prod'],
          'glassbox.version.prompt': 'v1',
        },
        true,
      ),
    );
    await send(
      app,
      traceBody(T3, BASE + 120_000, 'agent run', {
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'claude-sonnet',
        'gen_ai.provider.name': 'anthropic',
        'session.id': 'sess-2',
      }),
    );
  });

  it('lists traces newest first', async () => {
    expect(await ids('')).toEqual([T3, T2, T1]);
    const res = await app.inject('/api/traces');
    expect(res.json().items[0]).toMatchObject({
      traceId: T3,
      projectId: 'default',
      spanCount: 2,
      rootName: 'agent run',
    });
  });

  it.each([
    ['?sessionId=sess-1', [T2, T1]],
    ['?userId=alice', [T1]],
    ['?model=gpt-4o', [T1]],
    ['?provider=anthropic', [T3]],
    ['?kind=embedding', [T2]],
    ['?status=error', [T2]],
    ['?name=agent%20run', [T3]],
    ['?q=REFUND', [T1]],
    ['?q=REFUND&scope=input', [T1]],
    ['?q=REFUND&scope=output', []],
    ['?q=REFUND&scope=all', [T1]],
    ['?outcome=error', [T2]],
    ['?tag=prod', [T2, T1]],
    ['?tag=prod&tag=rag', [T1]],
    ['?version=prompt:v1', [T2]],
    [`?from=${BASE + 30_000}`, [T3, T2]],
    [`?to=${BASE + 30_000}`, [T1]],
    ['?from=2025-03-01T00:00:30Z&to=2025-03-01T00:01:30Z', [T2]],
  ])('filters by %s', async (query, expected) => {
    expect(await ids(query)).toEqual(expected);
  });

  it('tells when the traces start and end, and nothing for an empty project', async () => {
    const res = await app.inject('/api/traces/extent');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ firstMs: BASE, lastMs: BASE + 120_000 });
    const empty = await (await testApp()).app.inject('/api/traces/extent');
    expect(empty.json()).toEqual({});
  });

  it('lists sessions newest first with their turns, and pages them', async () => {
    const res = await app.inject('/api/sessions');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({ sessionId: 'sess-2', turns: 1, errorTurns: 0 }),
      expect.objectContaining({
        sessionId: 'sess-1',
        turns: 2,
        errorTurns: 1,
        firstSeenMs: BASE,
        lastSeenMs: BASE + 60_000,
      }),
    ]);
    const first = (await app.inject('/api/sessions?limit=1')).json();
    expect(first.items.map((s: { sessionId: string }) => s.sessionId)).toEqual(['sess-2']);
    const next = await app.inject(`/api/sessions?limit=1&cursor=${first.nextCursor}`);
    expect(next.json().items.map((s: { sessionId: string }) => s.sessionId)).toEqual(['sess-1']);
    const bad = await app.inject('/api/sessions?cursor=garbage');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/cursor/);
  });

  it('pages with limit and cursor', async () => {
    const first = (await app.inject('/api/traces?limit=2')).json();
    expect(first.items.map((t: { traceId: string }) => t.traceId)).toEqual([T3, T2]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (
      await app.inject(`/api/traces?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`)
    ).json();
    expect(second.items.map((t: { traceId: string }) => t.traceId)).toEqual([T1]);
    expect(second.nextCursor).toBeUndefined();
  });

  it.each([
    ['?limit=0', /limit/],
    ['?limit=501', /limit/],
    ['?kind=robot', /kind/],
    ['?status=meh', /status/],
    ['?from=yesterday', /querystring\/from must be epoch milliseconds or an ISO 8601/],
    ['?version=nocolon', /version/],
    ['?colour=red', /colour|additional/],
    ['?cursor=garbage', /cursor/],
    ['?outcome=unset', /outcome/],
    ['?q=x&scope=body', /scope/],
  ])('answers 400 naming the bad parameter for %s', async (query, message) => {
    const res = await app.inject(`/api/traces${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_request');
    expect(res.json().error.message).toMatch(message);
  });

  it('returns one trace with its spans in tree order, matching the id case-insensitively', async () => {
    const res = await app.inject(`/api/traces/${T1.toUpperCase()}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.trace.traceId).toBe(T1);
    expect(body.spans.map((s: { name: string }) => s.name)).toEqual(['answer', 'child']);
    expect(body.spans[0]).toMatchObject({
      requestModel: 'gpt-4o',
      sessionId: 'sess-1',
      attributes: { 'gen_ai.request.model': 'gpt-4o' },
      resource: { 'service.name': 'svc' },
    });
  });

  it('answers 404 with an error body for an unknown trace, 400 for a malformed id', async () => {
    const missing = await app.inject(`/api/traces/${'a'.repeat(32)}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({
      error: { code: 'not_found', message: `trace ${'a'.repeat(32)} not found` },
    });
    const bad = await app.inject('/api/traces/xyz');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/traceId/);
  });

  it('returns a trace outline without span bodies, and one span whole', async () => {
    const res = await app.inject(`/api/traces/${T1.toUpperCase()}/outline`);
    expect(res.statusCode, res.body).toBe(200);
    const full = (await app.inject(`/api/traces/${T1}`)).json();
    const outline = res.json();
    expect(outline.trace).toEqual(full.trace);
    expect(outline.findings).toEqual(full.findings);
    expect(outline.spans.map((s: { spanId: string }) => s.spanId)).toEqual(
      full.spans.map((s: { spanId: string }) => s.spanId),
    );
    expect(Object.keys(outline.spans[1]).sort()).toEqual(
      ['durationMs', 'kind', 'name', 'parentSpanId', 'spanId', 'startMs', 'status'].sort(),
    );
    const span = await app.inject(`/api/traces/${T1}/spans/${T1.slice(0, 16).toUpperCase()}`);
    expect(span.statusCode, span.body).toBe(200);
    expect(span.json()).toEqual(full.spans[0]);
    const missing = await app.inject(`/api/traces/${T1}/spans/${'f'.repeat(16)}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toMatch(/span f{16} of trace/);
    expect((await app.inject(`/api/traces/${T1}/spans/xyz`)).statusCode).toBe(400);
    expect((await app.inject(`/api/traces/${'a'.repeat(32)}/outline`)).statusCode).toBe(404);
  });

  it('returns a session with its traces, 404 for an unknown one', async () => {
    const res = await app.inject('/api/sessions/sess-1');
    expect(res.statusCode).toBe(200);
    expect(res.json().sessionId).toBe('sess-1');
    expect(
      res
        .json()
        .traces.map((t: { trace: { traceId: string } }) => t.trace.traceId)
        .sort(),
    ).toEqual([T1, T2]);
    const missing = await app.inject('/api/sessions/nope');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
  });

  it('answers unknown /api routes with a not_found error body', async () => {
    const res = await app.inject('/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it('reports health with the storage backend and version', async () => {
    const res = await app.inject('/api/health');
    expect(res.json()).toEqual({
      status: 'ok',
      storage: 'memory',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      checks: expect.objectContaining({ storageReachable: true, storageWritable: true }),
    });
  });
});

describe('projects and API keys', () => {
  it('isolates projects: a key sees only its own project', async () => {
    const { app, storage } = await testApp();
    const a = await storage.projects.ensureProject('team-a');
    const b = await storage.projects.ensureProject('team-b');
    const keyA = (await storage.projects.createApiKey(a.id)).key;
    const keyB = (await storage.projects.createApiKey(b.id)).key;
    await send(app, traceBody(T1, BASE, 'a-trace', { 'session.id': 's' }), keyA);
    await send(app, traceBody(T2, BASE, 'b-trace', { 'session.id': 's' }), keyB);
    const get = (url: string, key: string) =>
      app.inject({ url, headers: { authorization: `Bearer ${key}` } });
    const listA = (await get('/api/traces', keyA)).json();
    expect(listA.items.map((t: { traceId: string }) => t.traceId)).toEqual([T1]);
    expect((await get(`/api/traces/${T2}`, keyA)).statusCode).toBe(404);
    expect((await get(`/api/traces/${T1}`, keyB)).statusCode).toBe(404);
    const sessionB = (await get('/api/sessions/s', keyB)).json();
    expect(sessionB.traces.map((t: { trace: { traceId: string } }) => t.trace.traceId)).toEqual([
      T2,
    ]);
  });

  it('sends keyless requests to the default project while no key exists', async () => {
    const { app, storage } = await testApp();
    await send(app, traceBody(T1, BASE, 'x', {}));
    expect(await storage.traces.getTrace('default', T1)).toBeDefined();
  });

  it('answers 401 once keys exist: missing, malformed or unknown key', async () => {
    const { app, storage } = await testApp();
    await storage.projects.createApiKey('default');
    const cases = [
      [{}, /API key is required/],
      [{ authorization: 'Basic abc' }, /malformed Authorization header/],
      [{ authorization: 'Bearer not-a-real-key' }, /unknown, revoked or expired API key/],
    ] as const;
    for (const [headers, message] of cases) {
      const api = await app.inject({ url: '/api/traces', headers });
      expect(api.statusCode).toBe(401);
      expect(api.json().error).toEqual({
        code: 'unauthorized',
        message: expect.stringMatching(message),
      });
      const otlp = await app.inject({
        method: 'POST',
        url: '/v1/traces',
        headers: { ...JSON_TYPE, ...headers },
        payload: {},
      });
      expect(otlp.statusCode).toBe(401);
      expect(otlp.json()).toEqual({ code: 16, message: expect.stringMatching(message) });
    }
    expect((await app.inject('/api/health')).statusCode).toBe(200);
  });
});
