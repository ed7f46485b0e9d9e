import type { FastifyInstance } from 'fastify';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { protobufTraceBody, recordSpans, type SpanSpec } from '../../test/support/otlp-bodies.js';
import { PROTOBUF, testApp } from '../../test/support/test-app.js';

const BASE = Date.parse('2025-03-01T00:00:00Z');
const HOUR = 3_600_000;

async function post(app: FastifyInstance, spans: ReadableSpan[], key?: string) {
  const headers = key ? { ...PROTOBUF, authorization: `Bearer ${key}` } : PROTOBUF;
  const res = await app.inject({
    method: 'POST',
    url: '/v1/traces',
    headers,
    payload: protobufTraceBody(spans),
  });
  expect(res.statusCode, res.body).toBe(200);
}

async function get(app: FastifyInstance, url: string, key?: string) {
  const headers = key ? { authorization: `Bearer ${key}` } : {};
  const res = await app.inject({ url, headers });
  return { status: res.statusCode, body: res.json() };
}

const chat = (startMs: number, output: string, finish: string): SpanSpec => ({
  name: 'chat gpt-4o',
  startMs,
  durationMs: 800,
  attributes: {
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': 'openai',
    'gen_ai.request.model': 'gpt-4o',
    'gen_ai.input.messages': JSON.stringify([
      { role: 'user', parts: [{ type: 'text', content: 'Summarize our refund policy.' }] },
    ]),
    'gen_ai.output.messages': JSON.stringify([
      { role: 'assistant', parts: [{ type: 'text', content: output }], finish_reason: finish },
    ]),
    'gen_ai.response.finish_reasons': [finish],
    'gen_ai.usage.input_tokens': 12,
    'gen_ai.usage.output_tokens': 30,
  },
});

const DOCS = [
  [
    'pol-12',
    'Refunds are issued within 14 days of cancellation to the original payment method.',
    0.86,
  ],
  ['pol-13', 'Cancellations made at least 48 hours before departure are free of charge.', 0.74],
] as const;

function ragTrace(startMs: number, answer: string): SpanSpec {
  const question = 'How long do refunds take?';
  const docAttributes = Object.fromEntries(
    DOCS.flatMap(([id, content, score], i) => [
      [`retrieval.documents.${i}.document.id`, id],
      [`retrieval.documents.${i}.document.content`, content],
      [`retrieval.documents.${i}.document.score`, score],
    ]),
  );
  const context = DOCS.map(([, content], i) => `[${i + 1}] ${content}`).join('\n');
  return {
    name: 'rag answer',
    startMs,
    durationMs: 2000,
    attributes: {
      'openinference.span.kind': 'CHAIN',
      'input.value': question,
      'output.value': answer,
    },
    children: [
      {
        name: 'retrieve',
        startMs: startMs + 10,
        durationMs: 100,
        attributes: {
          'openinference.span.kind': 'RETRIEVER',
          'input.value': question,
          ...docAttributes,
        },
      },
      {
        name: 'llm',
        startMs: startMs + 200,
        durationMs: 1500,
        attributes: {
          'openinference.span.kind': 'LLM',
          'llm.model_name': 'gpt-4o',
          'llm.input_messages.0.message.role': 'user',
          'llm.input_messages.0.message.content': `Context:\n${context}\n\nQuestion: ${question}`,
          'llm.output_messages.0.message.role': 'assistant',
          'llm.output_messages.0.message.content': answer,
        },
      },
    ],
  };
}

function toolLoop(startMs: number): SpanSpec {
  return {
    name: 'agent',
    startMs,
    durationMs: 1000,
    attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'travel' },
    children: [1, 2, 3].map((i) => ({
      name: 'execute_tool search_flights',
      startMs: startMs + i * 100,
      durationMs: 50,
      attributes: {
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.tool.name': 'search_flights',
        'gen_ai.tool.call.arguments': JSON.stringify({ from: 'BER', to: 'LIS' }),
      },
    })),
  };
}

const categoriesOf = async (app: FastifyInstance, query = '', key?: string) =>
  Object.fromEntries(
    (
      (await get(app, `/api/traces${query}`, key)).body.items as {
        traceId: string;
        categories: string[];
      }[]
    ).map((t) => [t.traceId, t.categories]),
  );

describe('failure classification on ingest', () => {
  it('finds a response cut at the token limit, and nothing on a clean call', async () => {
    const { app } = await testApp();
    const [cut] = recordSpans([chat(BASE, 'Refunds are issued within', 'length')]);
    const [clean] = recordSpans([chat(BASE + 1000, 'Refunds take 14 days.', 'stop')]);
    await post(app, [cut!, clean!]);
    const cutId = cut!.spanContext().traceId;
    const cleanId = clean!.spanContext().traceId;
    expect(await categoriesOf(app)).toEqual({ [cutId]: ['incomplete_response'], [cleanId]: [] });
    const detail = await get(app, `/api/traces/${cutId}`);
    expect(detail.body.findings).toHaveLength(1);
    expect(detail.body.findings[0]).toMatchObject({
      category: 'incomplete_response',
      layer: 'output',
      spanIds: [cut!.spanContext().spanId],
      evidence: { finishReason: 'length' },
    });
    expect(detail.body.findings[0].remediation).toMatch(/max_tokens/);
    expect((await get(app, `/api/traces/${cleanId}`)).body.findings).toEqual([]);
    const diagnosis = await get(app, `/api/traces/${cutId}/diagnosis`);
    expect(diagnosis.status).toBe(200);
    expect(diagnosis.body.mostLikely).toBe('output');
    expect(diagnosis.body.layers[0]).toMatchObject({ layer: 'output', verdict: 'implicated' });
    const cleanDiagnosis = await get(app, `/api/traces/${cleanId}/diagnosis`);
    expect(cleanDiagnosis.body.mostLikely).toBeUndefined();
    expect(cleanDiagnosis.body.summary).toMatch(/No failure found/);
  });

  it('diagnoses an ungrounded RAG answer and filters by category and layer', async () => {
    const { app } = await testApp();
    const bad = recordSpans([
      ragTrace(BASE, 'Refunds are issued within 45 days of cancellation [1].'),
    ]);
    const good = recordSpans([
      ragTrace(BASE + 5000, 'Refunds are issued within 14 days of cancellation [1].'),
    ]);
    await post(app, [...bad, ...good]);
    const badId = bad[0]!.spanContext().traceId;
    const goodId = good[0]!.spanContext().traceId;
    expect(await categoriesOf(app)).toEqual({ [badId]: ['ungrounded_answer'], [goodId]: [] });
    expect(Object.keys(await categoriesOf(app, '?category=ungrounded_answer'))).toEqual([badId]);
    expect(Object.keys(await categoriesOf(app, '?layer=generation'))).toEqual([badId]);
    expect(Object.keys(await categoriesOf(app, '?layer=retrieval'))).toEqual([]);
    const diagnosis = (await get(app, `/api/traces/${badId}/diagnosis`)).body;
    expect(diagnosis.mostLikely).toBe('generation');
    expect(diagnosis.summary).toMatch(/generation/);
    const retrieval = diagnosis.layers.find((l: { layer: string }) => l.layer === 'retrieval');
    expect(retrieval.verdict).toBe('cleared');
  });

  it('keeps findings right when a trace arrives over two requests', async () => {
    const { app } = await testApp();
    const spans = recordSpans([toolLoop(BASE)]);
    const traceId = spans[0]!.spanContext().traceId;
    const tools = spans.filter((s) => s.name.startsWith('execute_tool'));
    const rest = spans.filter((s) => !tools.includes(s));
    await post(app, tools.slice(0, 2));
    expect(await categoriesOf(app)).toEqual({ [traceId]: [] });
    await post(app, [...rest, tools[2]!]);
    expect(await categoriesOf(app)).toEqual({ [traceId]: ['tool_loop'] });
    const { findings } = (await get(app, `/api/traces/${traceId}`)).body;
    expect(findings.map((f: { category: string }) => f.category)).toEqual(['tool_loop']);
    expect([...findings[0].spanIds].sort()).toEqual(
      tools.map((t) => t.spanContext().spanId).sort(),
    );
    expect((await get(app, `/api/traces/${traceId}/diagnosis`)).body.mostLikely).toBe('tools');
  });

  it('uses each project\u2019s thresholds, set through the settings API', async () => {
    const { app, storage } = await testApp();
    const strict = await storage.projects.ensureProject('strict');
    const { key } = await storage.projects.createApiKey(strict.id);
    const { key: defaultKey } = await storage.projects.createApiKey('default');
    const put = await app.inject({
      method: 'PUT',
      url: '/api/settings/thresholds',
      headers: { authorization: `Bearer ${key}` },
      payload: { loopRepeatCount: 2 },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({
      overrides: { loopRepeatCount: 2 },
      thresholds: { loopRepeatCount: 2, stepLimit: 25 },
      defaults: { loopRepeatCount: 3 },
    });
    const spec = toolLoop(BASE);
    spec.children = spec.children!.slice(0, 2);
    const strictSpans = recordSpans([spec]);
    const defaultSpans = recordSpans([spec]);
    await post(app, strictSpans, key);
    await post(app, defaultSpans, defaultKey);
    expect(Object.values(await categoriesOf(app, '', key))).toEqual([['tool_loop']]);
    expect(Object.values(await categoriesOf(app, '', defaultKey))).toEqual([[]]);
    // Findings and summaries never cross projects.
    const strictId = strictSpans[0]!.spanContext().traceId;
    expect((await get(app, `/api/traces/${strictId}/diagnosis`, defaultKey)).status).toBe(404);
    const range = `from=${BASE - HOUR}&to=${BASE + HOUR}&bucket=1h`;
    expect((await get(app, `/api/failures/summary?${range}`, key)).body.totals).toEqual({
      tool_loop: 1,
    });
    expect((await get(app, `/api/failures/summary?${range}`, defaultKey)).body.totals).toEqual({});
    const settings = await get(app, '/api/settings/thresholds', defaultKey);
    expect(settings.body.overrides).toEqual({});
  });

  it('counts failing traces per category in time buckets', async () => {
    const { app } = await testApp();
    await post(app, [
      ...recordSpans([chat(BASE + 60_000, 'Refunds are', 'length')]),
      ...recordSpans([chat(BASE + 120_000, 'Refunds take', 'length')]),
      ...recordSpans([chat(BASE + 2 * HOUR, 'Refunds', 'length')]),
      ...recordSpans([chat(BASE + 2 * HOUR + 5, 'Fine.', 'stop')]),
      ...recordSpans([toolLoop(BASE + 2 * HOUR + 10)]),
      ...recordSpans([chat(BASE + 9 * HOUR, 'Out of range', 'length')]),
    ]);
    const res = await get(
      app,
      `/api/failures/summary?from=${new Date(BASE).toISOString()}&to=${BASE + 3 * HOUR}&bucket=60m`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      bucketMs: HOUR,
      buckets: [
        { startMs: BASE, counts: { incomplete_response: 2 } },
        { startMs: BASE + HOUR, counts: {} },
        { startMs: BASE + 2 * HOUR, counts: { incomplete_response: 1, tool_loop: 1 } },
      ],
      totals: { incomplete_response: 3, tool_loop: 1 },
    });
    const ms = await get(app, `/api/failures/summary?from=${BASE}&to=${BASE + HOUR}&bucket=900000`);
    expect(ms.body.buckets).toHaveLength(4);
  });

  it('answers bad inputs with 400s naming the problem', async () => {
    const { app } = await testApp();
    const cases: [string, RegExp][] = [
      ['/api/traces?category=slowness', /unknown failure category "slowness"/],
      ['/api/traces?layer=database', /unknown layer "database"/],
      ['/api/failures/summary?bucket=5 minutes', /bucket must be a positive duration/],
      ['/api/failures/summary?bucket=0', /bucket must be a positive duration/],
      [`/api/failures/summary?from=0&to=${10 * HOUR}&bucket=1s`, /36000 buckets, more than 1000/],
      ['/api/failures/summary?from=20&to=10', /to \(10\) must be after from \(20\)/],
      ['/api/failures/summary?from=yesterday', /from must be epoch milliseconds/],
    ];
    for (const [url, message] of cases) {
      const res = await get(app, url);
      expect(res.status, url).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
      expect(res.body.error.message, url).toMatch(message);
    }
    const missing = await get(app, '/api/traces/0123456789abcdef0123456789abcdef/diagnosis');
    expect(missing.status).toBe(404);
    for (const [payload, message] of [
      [{ stepLimt: 3 }, /"stepLimt"/],
      [{ lowRelevanceTopScore: 1.5 }, /lowRelevanceTopScore/],
      [{ stepLimit: -1 }, /stepLimit/],
      [{ contextWindows: { 'my-model': 0 } }, /my-model/],
    ] as const) {
      const res = await app.inject({ method: 'PUT', url: '/api/settings/thresholds', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.message).toMatch(message);
    }
    expect((await get(app, '/api/settings/thresholds')).body.overrides).toEqual({});
  });

  it('publishes the new routes and their schemas in the OpenAPI document', async () => {
    const { app } = await testApp();
    const doc = (await get(app, '/api/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/traces/{traceId}/diagnosis',
        '/api/failures/summary',
        '/api/settings/thresholds',
      ]),
    );
    const list = doc.paths['/api/traces'].get.parameters.map((p: { name: string }) => p.name);
    expect(list).toEqual(expect.arrayContaining(['category', 'layer']));
    const detail =
      doc.paths['/api/traces/{traceId}'].get.responses['200'].content['application/json'].schema;
    expect(detail.properties.findings.items.properties.category.enum).toContain('tool_loop');
    expect(doc.paths['/api/settings/thresholds'].put.requestBody).toBeDefined();
  });

  it('stores no findings when classification is turned off', async () => {
    const { app } = await testApp({ classifyFailures: false });
    const spans = recordSpans([chat(BASE, 'Refunds are issued within', 'length')]);
    await post(app, spans);
    const traceId = spans[0]!.spanContext().traceId;
    expect((await get(app, `/api/traces/${traceId}`)).body.findings).toEqual([]);
  });
});
