import { describe, expect, it } from 'vitest';
import type { GatewaySpan } from './otlp-json-exporter.js';
import { spanJson } from './otlp-json-exporter.js';

/** The OTLP/JSON object of a span, built the plain way, to compare the written-out text with. */
function reference(s: GatewaySpan): unknown {
  const nanos = (ms: number) =>
    (BigInt(Math.floor(ms)) * 1_000_000n + BigInt(Math.round((ms % 1) * 1e6))).toString();
  const attributes = (values: Record<string, string | number | boolean>) =>
    Object.entries(values).map(([key, v]) => ({
      key,
      value:
        typeof v === 'string'
          ? { stringValue: v }
          : typeof v === 'boolean'
            ? { boolValue: v }
            : Number.isInteger(v)
              ? { intValue: String(v) }
              : { doubleValue: v },
    }));
  return {
    traceId: s.traceId,
    spanId: s.spanId,
    ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
    name: s.name,
    kind: 3,
    startTimeUnixNano: nanos(s.startMs),
    endTimeUnixNano: nanos(s.endMs),
    attributes: attributes(s.attributes),
    events: s.events.map((e) => ({
      name: e.name,
      timeUnixNano: nanos(e.timeMs),
      attributes: attributes(e.attributes),
    })),
    status: s.error === null ? { code: 1 } : { code: 2, message: s.error },
  };
}

const span: GatewaySpan = {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  parentSpanId: '00f067aa0ba902b7',
  name: 'chat "gpt-4o"\n',
  startMs: 1_765_000_000_123,
  endMs: 1_765_000_000_456.25,
  error: null,
  attributes: {
    'gen_ai.request.model': 'gpt-4o-mini',
    'gen_ai.request.temperature': 0.7,
    'gen_ai.usage.input_tokens': 42,
    'glassbox.gateway.usage_estimated': true,
    'gen_ai.input.messages': '[{"role":"user","content":"say \\"hi\\" \u2028 ünïcode"}]',
  },
  events: [
    {
      name: 'glassbox.guard',
      timeMs: 1_765_000_000_200,
      attributes: { 'glassbox.guard.name': 'budget', 'glassbox.guard.reason': 'tab\there' },
    },
    { name: 'empty', timeMs: 1_765_000_000_201, attributes: {} },
  ],
};

describe('spanJson', () => {
  it('writes the same OTLP/JSON a plain JSON.stringify of the span object gives', () => {
    expect(JSON.parse(spanJson(span))).toEqual(reference(span));
  });

  it('writes an error status with its message, and no parent for a root span', () => {
    const root = { ...span, parentSpanId: undefined, error: 'upstream said "no"', events: [] };
    const parsed = JSON.parse(spanJson(root)) as Record<string, unknown>;
    expect(parsed).toEqual(reference(root));
    expect(parsed).not.toHaveProperty('parentSpanId');
    expect(parsed.status).toEqual({ code: 2, message: 'upstream said "no"' });
  });

  it('keeps nanosecond times exact for whole and fractional milliseconds', () => {
    const parsed = JSON.parse(spanJson(span)) as Record<string, string>;
    expect(parsed.startTimeUnixNano).toBe('1765000000123000000');
    expect(parsed.endTimeUnixNano).toBe('1765000000456250000');
  });
});
