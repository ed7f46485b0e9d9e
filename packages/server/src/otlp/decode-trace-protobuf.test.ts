import { describe, expect, it } from 'vitest';
import { protobufTraceBody, recordSpans } from '../../test/support/otlp-bodies.js';
import { decodeExportRequest } from './decode-export-request.js';
import { decodeTraceProtobuf } from './decode-trace-protobuf.js';
import { OtlpDecodeError } from './otlp-decode-error.js';
import { otlpTypes } from './otlp-proto-schema.js';
import { toOtlpSpans } from './to-otlp-spans.js';

/** The reflection decoder the fast one must agree with. */
const viaProtobufjs = (body: Buffer) =>
  toOtlpSpans(decodeExportRequest(otlpTypes.exportTraceRequest, 'protobuf', body));

const encode = (request: Record<string, unknown>): Buffer => {
  const type = otlpTypes.exportTraceRequest;
  return Buffer.from(type.encode(type.fromObject(request)).finish());
};

const id = (hex: string) => Buffer.from(hex, 'hex');

describe('decodeTraceProtobuf', () => {
  it('decodes what the official exporter sends exactly as the reflection decoder does', () => {
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
          'gen_ai.request.max_tokens': 1024,
          'gen_ai.request.stream': true,
          'gen_ai.response.finish_reasons': ['stop', 'length'],
          'gen_ai.usage.input_tokens': -3,
        },
        children: [{ name: 'tool', startMs: 1_700_000_000_200 }],
      },
    ]);
    const body = protobufTraceBody(spans);
    const decoded = decodeTraceProtobuf(body);
    expect(JSON.stringify(decoded)).toBe(JSON.stringify(viaProtobufjs(body)));
    const root = decoded.find((s) => s.name === 'chat gpt-4o')!;
    expect(root.startTimeUnixNano).toBe('1700000000123000000');
    expect(root.attributes['gen_ai.usage.input_tokens']).toBe(-3);
  });

  it('agrees on every AnyValue kind, 64-bit edges, events, links, status and field order', () => {
    const body = encode({
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  traceId: id('5b8efff798038103d269b633813fc60c'),
                  spanId: id('eee19b7ec3c1b174'),
                  parentSpanId: id('aaaaaaaaaaaaaaaa'),
                  traceState: 'k=v',
                  name: 'all kinds',
                  kind: 3,
                  startTimeUnixNano: '18446744073709551615',
                  endTimeUnixNano: '1',
                  attributes: [
                    { key: 's', value: { stringValue: '' } },
                    { key: 'b', value: { boolValue: false } },
                    { key: 'big', value: { intValue: '9007199254740993' } },
                    { key: 'neg', value: { intValue: '-9223372036854775808' } },
                    { key: 'small', value: { intValue: '-42' } },
                    { key: 'd', value: { doubleValue: -0.25 } },
                    { key: 'bytes', value: { bytesValue: Buffer.from('hi there') } },
                    { key: 'empty', value: {} },
                    { key: 'none' },
                    {
                      key: 'arr',
                      value: {
                        arrayValue: { values: [{ stringValue: 'x' }, { intValue: '7' }, {}] },
                      },
                    },
                    { key: 'emptyArr', value: { arrayValue: {} } },
                    {
                      key: 'kv',
                      value: {
                        kvlistValue: {
                          values: [
                            { key: 'inner', value: { kvlistValue: { values: [] } } },
                            { key: 'n', value: { doubleValue: 1 } },
                          ],
                        },
                      },
                    },
                    { key: 's', value: { stringValue: 'last wins' } },
                  ],
                  events: [
                    { name: 'e1', timeUnixNano: '1700000000000000001', attributes: [] },
                    { attributes: [{ key: 'a', value: { stringValue: 'b' } }] },
                  ],
                  links: [
                    {
                      traceId: id('11111111111111111111111111111111'),
                      spanId: id('2222222222222222'),
                      traceState: 'ignored',
                      attributes: [{ key: 'l', value: { boolValue: true } }],
                    },
                  ],
                  status: { code: 2, message: 'boom' },
                },
                { name: 'bare' },
                { name: 'unset status', status: {} },
              ],
              scope: { name: 'scope-after-spans', attributes: [{ key: 'x', value: {} }] },
            },
            { spans: [{ name: 'no scope' }] },
          ],
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
        },
        { scopeSpans: [{ scope: { name: 'n', version: '' }, spans: [{ name: 'no resource' }] }] },
      ],
    });
    const decoded = decodeTraceProtobuf(body);
    expect(decoded).toEqual(viaProtobufjs(body));
    expect(JSON.stringify(decoded)).toBe(JSON.stringify(viaProtobufjs(body)));
    expect(decoded).toHaveLength(5);
    expect(decoded[0]!.attributes['big']).toBe(9007199254740992);
    expect(decoded[0]!.startTimeUnixNano).toBe('18446744073709551615');
    expect(decoded[0]!.scope.name).toBe('scope-after-spans');
    expect(decoded[0]!.resource).toBe(decoded[2]!.resource);
  });

  it('skips unknown fields, groups included', () => {
    const known = encode({ resourceSpans: [{ scopeSpans: [{ spans: [{ name: 'x' }] }] }] });
    // field 99 varint, field 98 fixed32, field 97 group holding a varint, appended at top level.
    const unknown = Buffer.from([
      0x98, 0x06, 0x01, 0x95, 0x06, 1, 2, 3, 4, 0x8b, 0x06, 0x08, 0x01, 0x8c, 0x06,
    ]);
    const body = Buffer.concat([known, unknown]);
    expect(decodeTraceProtobuf(body)).toEqual(viaProtobufjs(body));
  });

  it('rejects truncated or malformed bytes with an OtlpDecodeError naming the message', () => {
    for (const bytes of [[0x0a, 0xff, 0xff], [0x0a, 0x05, 0x01], [0x0f], [0x09, 1, 2]]) {
      const call = () => decodeTraceProtobuf(Buffer.from(bytes));
      expect(call).toThrow(OtlpDecodeError);
      expect(call).toThrow(/not a valid protobuf ExportTraceServiceRequest/);
    }
    expect(decodeTraceProtobuf(Buffer.alloc(0))).toEqual([]);
  });
});
