import { describe, expect, it } from 'vitest';
import { protobufTraceBody, recordSpans } from '../../test/support/otlp-bodies.js';
import { decodeExportRequest } from './decode-export-request.js';
import { OtlpDecodeError } from './otlp-decode-error.js';
import { otlpTypes } from './otlp-proto-schema.js';
import { toOtlpSpans } from './to-otlp-spans.js';

const decodeJson = (body: unknown) =>
  toOtlpSpans(
    decodeExportRequest(otlpTypes.exportTraceRequest, 'json', Buffer.from(JSON.stringify(body))),
  );

describe('toOtlpSpans over protobuf', () => {
  it('decodes what the official exporter sends, ids as lowercase hex and times as decimal strings', () => {
    const spans = recordSpans([
      {
        name: 'chat gpt-4o',
        startMs: 1_700_000_000_123,
        durationMs: 250,
        error: 'rate limited',
        attributes: {
          'gen_ai.request.model': 'gpt-4o',
          'gen_ai.request.temperature': 0,
          'gen_ai.request.top_p': 0.5,
          'gen_ai.request.stream': true,
          'gen_ai.response.finish_reasons': ['stop', 'length'],
        },
        children: [{ name: 'tool', startMs: 1_700_000_000_200 }],
      },
    ]);
    const message = decodeExportRequest(
      otlpTypes.exportTraceRequest,
      'protobuf',
      protobufTraceBody(spans),
    );
    const decoded = toOtlpSpans(message);
    expect(decoded).toHaveLength(2);
    const root = decoded.find((s) => s.name === 'chat gpt-4o')!;
    const child = decoded.find((s) => s.name === 'tool')!;
    const sdkRoot = spans.find((s) => s.name === 'chat gpt-4o')!;
    expect(root.traceId).toBe(sdkRoot.spanContext().traceId);
    expect(root.spanId).toBe(sdkRoot.spanContext().spanId);
    expect(child.parentSpanId).toBe(root.spanId);
    expect(root.parentSpanId).toBeUndefined();
    expect(root.startTimeUnixNano).toBe('1700000000123000000');
    expect(root.endTimeUnixNano).toBe('1700000000373000000');
    expect(root.status).toEqual({ code: 2, message: 'rate limited' });
    expect(root.otelKind).toBe(1);
    expect(root.resource['service.name']).toBe('test-service');
    expect(root.scope).toEqual({ name: 'glassbox-test', version: '1.2.3' });
    expect(root.attributes).toEqual({
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.request.temperature': 0,
      'gen_ai.request.top_p': 0.5,
      'gen_ai.request.stream': true,
      'gen_ai.response.finish_reasons': ['stop', 'length'],
    });
  });

  it('rejects bytes that are not a protobuf message, saying so', () => {
    expect(() =>
      decodeExportRequest(
        otlpTypes.exportTraceRequest,
        'protobuf',
        Buffer.from([0x0a, 0xff, 0xff]),
      ),
    ).toThrow(/not a valid protobuf ExportTraceServiceRequest/);
  });
});

describe('toOtlpSpans over OTLP/JSON', () => {
  const span = {
    traceId: '5B8EFFF798038103D269B633813FC60C',
    spanId: 'EEE19B7EC3C1B174',
    parentSpanId: '',
    name: 'retrieve',
    kind: 3,
    startTimeUnixNano: '1544712660000000000',
    endTimeUnixNano: 1544712661000000000,
    attributes: [
      { key: 'str', value: { stringValue: 'x' } },
      { key: 'int', value: { intValue: '42' } },
      { key: 'intnum', value: { intValue: 7 } },
      { key: 'dbl', value: { doubleValue: 0.25 } },
      { key: 'nan', value: { doubleValue: 'NaN' } },
      { key: 'bool', value: { boolValue: false } },
      { key: 'arr', value: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: '1' }] } } },
      {
        key: 'kv',
        value: { kvlistValue: { values: [{ key: 'k', value: { boolValue: true } }] } },
      },
      { key: 'bytes', value: { bytesValue: 'AQID' } },
      { key: 'empty', value: {} },
    ],
    events: [{ name: 'e', timeUnixNano: '1544712660500000000', attributes: [] }],
    status: { code: 'STATUS_CODE_OK' },
    someFutureField: { ignored: true },
  };

  it('lowercases hex ids, accepts int64 as numbers, enum names and every AnyValue kind', () => {
    const [decoded] = decodeJson({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
          scopeSpans: [{ scope: { name: 'lib' }, spans: [span] }],
        },
      ],
    });
    expect(decoded).toMatchObject({
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: 'eee19b7ec3c1b174',
      otelKind: 3,
      startTimeUnixNano: '1544712660000000000',
      endTimeUnixNano: '1544712661000000000',
      status: { code: 1 },
      resource: { 'service.name': 'svc' },
      scope: { name: 'lib' },
      events: [{ name: 'e', timeUnixNano: '1544712660500000000', attributes: {} }],
    });
    expect(decoded!.parentSpanId).toBeUndefined();
    expect(decoded!.attributes).toEqual({
      str: 'x',
      int: 42,
      intnum: 7,
      dbl: 0.25,
      nan: NaN,
      bool: false,
      arr: ['a', 1],
      kv: { k: true },
      bytes: 'AQID',
      empty: null,
    });
  });

  it('accepts snake_case keys and enum names as the proto3 JSON mapping allows', () => {
    const [decoded] = decodeJson({
      resource_spans: [
        {
          scope_spans: [
            {
              spans: [
                {
                  trace_id: '5b8efff798038103d269b633813fc60c',
                  span_id: 'eee19b7ec3c1b174',
                  parent_span_id: 'aaaaaaaaaaaaaaaa',
                  name: 'x',
                  kind: 'SPAN_KIND_SERVER',
                  start_time_unix_nano: '1',
                  end_time_unix_nano: '2',
                  attributes: [{ key: 'n', value: { int_value: '3' } }],
                },
              ],
            },
          ],
        },
      ],
    });
    expect(decoded).toMatchObject({
      parentSpanId: 'aaaaaaaaaaaaaaaa',
      otelKind: 2,
      startTimeUnixNano: '1',
      attributes: { n: 3 },
    });
  });

  it('treats an empty object or empty body as an empty request', () => {
    expect(decodeJson({})).toEqual([]);
    expect(
      toOtlpSpans(decodeExportRequest(otlpTypes.exportTraceRequest, 'json', Buffer.alloc(0))),
    ).toEqual([]);
  });

  it.each([
    [{ resourceSpans: {} }, /resourceSpans must be an array/],
    [
      { resourceSpans: [{ scopeSpans: [{ spans: [{ ...span, kind: 'SIDEWAYS' }] }] }] },
      /kind is not a valid enum value/,
    ],
    [
      { resourceSpans: [{ scopeSpans: [{ spans: [{ ...span, startTimeUnixNano: '-5' }] }] }] },
      /startTimeUnixNano must be unsigned/,
    ],
    [
      {
        resourceSpans: [
          {
            scopeSpans: [
              { spans: [{ ...span, attributes: [{ key: 'a', value: { intValue: 'ten' } }] }] },
            ],
          },
        ],
      },
      /attributes\[0\]\.value\.intValue must be a number/,
    ],
  ])('names the bad field of a malformed request (%#)', (body, message) => {
    expect(() => decodeJson(body)).toThrow(OtlpDecodeError);
    expect(() => decodeJson(body)).toThrow(message);
  });

  it('rejects text that is not JSON', () => {
    expect(() =>
      decodeExportRequest(otlpTypes.exportTraceRequest, 'json', Buffer.from('{"resourceSpans": [')),
    ).toThrow(/body is not valid JSON/);
  });
});
