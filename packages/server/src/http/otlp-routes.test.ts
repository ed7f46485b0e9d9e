import { gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import {
  JsonTraceSerializer,
  ProtobufTraceSerializer,
  jsonTraceBody,
  protobufTraceBody,
  recordSpans,
} from '../../test/support/otlp-bodies.js';
import { createGate } from '../../test/support/fake-storage.js';
import { JSON_TYPE, PROTOBUF, testApp } from '../../test/support/test-app.js';
import { otlpTypes } from '../otlp/otlp-proto-schema.js';

const chat = () =>
  recordSpans([
    {
      name: 'chat gpt-4o',
      attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o' },
      children: [{ name: 'retrieve' }],
    },
  ]);

function jsonSpan(traceId: string, spanId: string, name = 'op') {
  return {
    traceId,
    spanId,
    name,
    startTimeUnixNano: '1700000000000000000',
    endTimeUnixNano: '1700000001000000000',
  };
}
const jsonRequest = (...spans: object[]) => ({
  resourceSpans: [{ scopeSpans: [{ scope: { name: 's' }, spans }] }],
});
const TRACE = '0af7651916cd43dd8448eb211c80319c';

describe('POST /v1/traces', () => {
  it('stores a protobuf export and answers with an empty protobuf ExportTraceServiceResponse', async () => {
    const { app, storage } = await testApp();
    const spans = chat();
    const res = await app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: PROTOBUF,
      payload: protobufTraceBody(spans),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-protobuf');
    expect(res.rawPayload.length).toBe(0);
    expect(ProtobufTraceSerializer.deserializeResponse(res.rawPayload)).toEqual({});
    const traceId = spans[0]!.spanContext().traceId;
    const detail = await storage.traces.getTrace('default', traceId);
    expect(detail?.spans.map((s) => s.name)).toEqual(['chat gpt-4o', 'retrieve']);
    expect(detail?.spans[0]?.requestModel).toBe('gpt-4o');
  });

  it('stores a JSON export (charset parameter allowed) and answers {}', async () => {
    const { app, storage } = await testApp();
    const spans = chat();
    const res = await app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      payload: jsonTraceBody(spans),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toEqual({});
    expect(await storage.traces.getTrace('default', spans[0]!.spanContext().traceId)).toBeDefined();
  });

  it.each([
    ['protobuf', PROTOBUF, protobufTraceBody],
    ['JSON', JSON_TYPE, jsonTraceBody],
  ] as const)('accepts a gzip-compressed %s body', async (_label, headers, encode) => {
    const { app, storage } = await testApp();
    const spans = chat();
    const res = await app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: { ...headers, 'content-encoding': 'gzip' },
      payload: gzipSync(encode(spans)),
    });
    expect(res.statusCode).toBe(200);
    const detail = await storage.traces.getTrace('default', spans[0]!.spanContext().traceId);
    expect(detail?.spans).toHaveLength(2);
  });

  it('keeps the valid spans of a batch and names the rejected one (partial success)', async () => {
    const { app, storage } = await testApp();
    const res = await app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: JSON_TYPE,
      payload: jsonRequest(
        jsonSpan(TRACE, '1111111111111111', 'a'),
        jsonSpan(TRACE, '2222222222222222', 'b'),
        jsonSpan(TRACE, 'not-a-span-id', 'c'),
      ),
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.partialSuccess.rejectedSpans).toBe('1');
    expect(body.partialSuccess.errorMessage).toMatch(/span "not-a-span-id": spanId must be 16 hex/);
    expect(
      JsonTraceSerializer.deserializeResponse(res.rawPayload).partialSuccess?.rejectedSpans,
    ).toBe('1');
    const detail = await storage.traces.getTrace('default', TRACE);
    expect(detail?.spans.map((s) => s.name).sort()).toEqual(['a', 'b']);
  });

  it('reports partial success in protobuf too', async () => {
    const { app } = await testApp();
    const spans = chat();
    const body = otlpTypes.exportTraceRequest.decode(protobufTraceBody(spans)) as unknown as {
      resourceSpans: { scopeSpans: { spans: { spanId: Uint8Array }[] }[] }[];
    };
    body.resourceSpans[0]!.scopeSpans[0]!.spans[0]!.spanId = new Uint8Array([1, 2, 3]);
    const payload = Buffer.from(otlpTypes.exportTraceRequest.encode(body).finish());
    const res = await app.inject({ method: 'POST', url: '/v1/traces', headers: PROTOBUF, payload });
    expect(res.statusCode).toBe(200);
    const decoded = ProtobufTraceSerializer.deserializeResponse(res.rawPayload);
    expect(Number(decoded.partialSuccess?.rejectedSpans)).toBe(1);
    expect(decoded.partialSuccess?.errorMessage).toMatch(/span "010203"/);
  });

  it('bounds the partial-success message when many spans are rejected', async () => {
    const { app } = await testApp();
    const bad = Array.from({ length: 300 }, (_, i) => jsonSpan(TRACE, `bad-${i}`));
    const res = await app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: JSON_TYPE,
      payload: jsonRequest(...bad),
    });
    const { partialSuccess } = res.json();
    expect(partialSuccess.rejectedSpans).toBe('300');
    expect(partialSuccess.errorMessage.length).toBeLessThanOrEqual(2048);
    expect(partialSuccess.errorMessage).toMatch(/and \d+ more$/);
  });

  it.each([
    ['empty protobuf', PROTOBUF, Buffer.alloc(0)],
    ['empty JSON object', JSON_TYPE, Buffer.from('{}')],
  ])('answers an %s request with 200', async (_label, headers, payload) => {
    const { app, storage } = await testApp();
    const res = await app.inject({ method: 'POST', url: '/v1/traces', headers, payload });
    expect(res.statusCode).toBe(200);
    expect(storage.writeCalls).toHaveLength(0);
  });

  it('answers 400 with a google.rpc.Status for garbage protobuf', async () => {
    const { app } = await testApp();
    const res = await app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: PROTOBUF,
      payload: Buffer.from([0x0a, 0xff, 0xff, 0xff]),
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe('application/x-protobuf');
    const status = otlpTypes.rpcStatus.toObject(otlpTypes.rpcStatus.decode(res.rawPayload));
    expect(status.code).toBe(3);
    expect(status.message).toMatch(/not a valid protobuf ExportTraceServiceRequest/);
  });

  it('answers 400 with a JSON Status for invalid JSON', async () => {
    const { app } = await testApp();
    const res = await app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: JSON_TYPE,
      payload: '{"resourceSpans": [',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ code: 3, message: expect.stringMatching(/not valid JSON/) });
  });

  it('answers 400 naming the field of a structurally wrong JSON body', async () => {
    const { app } = await testApp();
    const res = await app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: JSON_TYPE,
      payload: { resourceSpans: [{ scopeSpans: 'x' }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/resourceSpans\[0\]\.scopeSpans must be an array/);
  });

  it('answers 413 for a body over maxBodyBytes, raw or after decompression', async () => {
    const { app } = await testApp({ maxBodyBytes: 2048 });
    const big = jsonRequest(
      ...Array.from({ length: 40 }, (_, i) => jsonSpan(TRACE, `${i}`.padStart(16, 'a'))),
    );
    const raw = await app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: JSON_TYPE,
      payload: big,
    });
    expect(raw.statusCode).toBe(413);
    expect(raw.json().message).toMatch(/exceeds the limit of 2048 bytes/);
    const bomb = gzipSync(
      Buffer.from(JSON.stringify({ resourceSpans: [], pad: 'x'.repeat(1_000_000) })),
    );
    expect(bomb.length).toBeLessThan(2048);
    const res = await app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: { ...JSON_TYPE, 'content-encoding': 'gzip' },
      payload: bomb,
    });
    expect(res.statusCode).toBe(413);
  });

  it('answers 415 for other content types and encodings', async () => {
    const { app } = await testApp();
    const text = await app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: { 'content-type': 'text/plain' },
      payload: 'hi',
    });
    expect(text.statusCode).toBe(415);
    expect(text.json().message).toMatch(/"text\/plain" is not supported/);
    const br = await app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: { ...JSON_TYPE, 'content-encoding': 'br' },
      payload: '{}',
    });
    expect(br.statusCode).toBe(415);
    const none = await app.inject({ method: 'POST', url: '/v1/traces' });
    expect(none.statusCode).toBe(415);
  });

  it('answers 429 with Retry-After when the write queue is full, never dropping silently', async () => {
    const { app, storage } = await testApp({ writeQueue: { maxPendingSpans: 3 } });
    const gate = createGate();
    storage.gate = gate.promise;
    const first = app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: PROTOBUF,
      payload: protobufTraceBody(chat()),
    });
    await new Promise((r) => setTimeout(r, 20));
    const refused = await app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: PROTOBUF,
      payload: protobufTraceBody(chat()),
    });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('1');
    expect(otlpTypes.rpcStatus.decode(refused.rawPayload).toJSON().message).toMatch(
      /write queue is full/,
    );
    gate.open();
    expect((await first).statusCode).toBe(200);
  });

  it('answers 503 with Retry-After, not 200, when the commit fails', async () => {
    const { app, storage } = await testApp();
    storage.failWith = new Error('database is locked');
    const res = await app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: JSON_TYPE,
      payload: jsonTraceBody(chat()),
    });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json()).toEqual({ code: 14, message: expect.stringMatching(/database is locked/) });
  });

  it('group-commits concurrent requests into fewer writes, each answered after its commit', async () => {
    const { app, storage } = await testApp();
    const gate = createGate();
    storage.gate = gate.promise;
    const traces = Array.from({ length: 8 }, () => chat());
    const responses = traces.map((spans) =>
      app.inject({
        method: 'POST',
        url: '/v1/traces',
        headers: PROTOBUF,
        payload: protobufTraceBody(spans),
      }),
    );
    // The first commit is held open; give the other requests time to queue behind it.
    await vi.waitFor(() => expect(storage.writeCalls.length).toBe(1));
    await new Promise((r) => setTimeout(r, 300));
    storage.gate = undefined;
    gate.open();
    for (const res of await Promise.all(responses)) expect(res.statusCode).toBe(200);
    expect(storage.writeCalls.length).toBeLessThan(8);
    expect(storage.writeCalls.flat()).toHaveLength(16);
    for (const spans of traces) {
      expect(
        await storage.traces.getTrace('default', spans[0]!.spanContext().traceId),
      ).toBeDefined();
    }
  });

  it('assembles one trace sent over several requests', async () => {
    const { app, storage } = await testApp();
    for (const [id, parent] of [
      ['1111111111111111', undefined],
      ['2222222222222222', '1111111111111111'],
      ['3333333333333333', '2222222222222222'],
    ] as const) {
      const span = {
        ...jsonSpan(TRACE, id, `s${id[0]}`),
        ...(parent ? { parentSpanId: parent } : {}),
      };
      const res = await app.inject({
        method: 'POST',
        url: '/v1/traces',
        headers: JSON_TYPE,
        payload: jsonRequest(span),
      });
      expect(res.statusCode).toBe(200);
    }
    const detail = await storage.traces.getTrace('default', TRACE);
    expect(detail?.spans.map((s) => s.name)).toEqual(['s1', 's2', 's3']);
    expect(detail?.trace.spanCount).toBe(3);
  });
});
