import { describe, expect, it } from 'vitest';
import { ProtobufTraceSerializer } from '../../test/support/otlp-bodies.js';
import { JSON_TYPE, PROTOBUF, testApp } from '../../test/support/test-app.js';
import { otlpTypes } from '../otlp/otlp-proto-schema.js';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const MIB = 1024 * 1024;

function span(spanId: string, attributes: Record<string, string>) {
  return {
    traceId: TRACE,
    spanId,
    name: 'chat',
    startTimeUnixNano: '1700000000000000000',
    endTimeUnixNano: '1700000001000000000',
    attributes: Object.entries(attributes).map(([key, value]) => ({
      key,
      value: { stringValue: value },
    })),
  };
}
const request = (...spans: object[]) => ({
  resourceSpans: [{ scopeSpans: [{ scope: { name: 's' }, spans }] }],
});

describe('attribute values over the size limit', () => {
  it('are stored cut with a marker and their original size, and reported as a warning (default 1 MiB)', async () => {
    const { app, storage } = await testApp();
    const huge = 'The customer wrote: '.padEnd(3 * MIB, 'refund please. ');
    const res = await app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: JSON_TYPE,
      payload: request(
        span('1111111111111111', { 'openinference.span.kind': 'LLM', 'input.value': huge }),
        span('2222222222222222', { 'input.value': 'small' }),
      ),
    });
    expect(res.statusCode).toBe(200);
    const partial = res.json().partialSuccess;
    expect(partial.rejectedSpans).toBe('0');
    expect(partial.errorMessage).toBe(
      `1 attribute value over ${MIB} bytes stored truncated: span "1111111111111111" attributes.input.value (${3 * MIB} bytes)`,
    );
    const detail = await storage.traces.getTrace('default', TRACE);
    expect(detail?.spans).toHaveLength(2);
    const cut = detail?.spans.find((s) => s.spanId === '1111111111111111');
    const stored = cut?.attributes['input.value'] as string;
    expect(Buffer.byteLength(stored)).toBeLessThanOrEqual(MIB);
    expect(stored.startsWith('The customer wrote: refund please.')).toBe(true);
    expect(stored).toMatch(/…\[truncated by Glassbox: 3145728 bytes originally\]$/);
    expect(cut?.attributes['glassbox.truncated_attributes']).toEqual({
      'attributes.input.value': 3 * MIB,
    });
    expect(Buffer.byteLength(cut?.input ?? '')).toBeLessThanOrEqual(MIB);
    const small = detail?.spans.find((s) => s.spanId === '2222222222222222');
    expect(small?.attributes['glassbox.truncated_attributes']).toBeUndefined();
  });

  it('follow the configured limit, in protobuf too, next to rejections', async () => {
    const { app, storage } = await testApp({ maxAttributeBytes: 1000 });
    const body = request(
      span('1111111111111111', { 'gen_ai.prompt': 'p'.repeat(5000) }),
      span('bad', { note: 'x' }),
    );
    const message = otlpTypes.exportTraceRequest.fromObject(
      JSON.parse(
        JSON.stringify(body).replace(/"(traceId|spanId)":"([0-9a-f]+)"/g, (_, k, hex) => {
          return `"${k}":"${Buffer.from(hex, 'hex').toString('base64')}"`;
        }),
      ),
    );
    const payload = Buffer.from(otlpTypes.exportTraceRequest.encode(message).finish());
    const res = await app.inject({ method: 'POST', url: '/v1/traces', headers: PROTOBUF, payload });
    expect(res.statusCode).toBe(200);
    const decoded = ProtobufTraceSerializer.deserializeResponse(res.rawPayload);
    expect(Number(decoded.partialSuccess?.rejectedSpans)).toBe(1);
    expect(decoded.partialSuccess?.errorMessage).toMatch(
      /1 span rejected: span "ba": spanId must be 16 hex/,
    );
    expect(decoded.partialSuccess?.errorMessage).toMatch(
      / \| 1 attribute value over 1000 bytes stored truncated: span "1111111111111111" attributes.gen_ai.prompt \(5000 bytes\)$/,
    );
    const detail = await storage.traces.getTrace('default', TRACE);
    expect(Buffer.byteLength(detail?.spans[0]?.attributes['gen_ai.prompt'] as string)).toBe(1000);
  });

  it('in GenAI log records are cut the same way', async () => {
    const { app } = await testApp({ maxAttributeBytes: 2000 });
    const res = await app.inject({
      method: 'POST',
      url: '/v1/logs',
      headers: JSON_TYPE,
      payload: {
        resourceLogs: [
          {
            scopeLogs: [
              {
                scope: { name: 'openai' },
                logRecords: [
                  {
                    timeUnixNano: '1700000000500000000',
                    traceId: TRACE,
                    spanId: '1111111111111111',
                    eventName: 'gen_ai.user.message',
                    body: { stringValue: 'u'.repeat(10_000) },
                  },
                ],
              },
            ],
          },
        ],
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().partialSuccess.rejectedLogRecords).toBe('0');
    expect(res.json().partialSuccess.errorMessage).toMatch(
      /log record "logRecord\[0\]" body \(10000 bytes\)/,
    );
  });
});
