import { describe, expect, it } from 'vitest';
import type { OtlpLogRecord, OtlpSpan } from '../model/otlp-span.js';
import {
  capAttributeValue,
  capLogRecordValues,
  capSpanAttributeValues,
  TRUNCATED_ATTRIBUTES_KEY,
  utf8Length,
} from './cap-attribute-values.js';

function span(attributes: OtlpSpan['attributes'], events: OtlpSpan['events'] = []): OtlpSpan {
  return {
    resource: { 'service.name': 'bot' },
    scope: { name: 'test' },
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    name: 'chat',
    otelKind: 3,
    startTimeUnixNano: '1',
    endTimeUnixNano: '2',
    attributes,
    events,
    links: [],
    status: { code: 0 },
  };
}

describe('capSpanAttributeValues', () => {
  it('returns the same span when every value fits', () => {
    const input = span({ 'gen_ai.prompt': 'x'.repeat(1000), n: 3, list: ['a', 'b'] });
    const { span: out, truncated } = capSpanAttributeValues(input, 1000);
    expect(out).toBe(input);
    expect(truncated).toEqual([]);
  });

  it('cuts a large string to the limit, marks it, and lists its original size on the span', () => {
    const big = 'é'.repeat(3000); // 6000 bytes
    const { span: out, truncated } = capSpanAttributeValues(span({ 'input.value': big }), 1000);
    const value = out.attributes['input.value'] as string;
    expect(utf8Length(value)).toBeLessThanOrEqual(1000);
    expect(value).toMatch(/…\[truncated by Glassbox: 6000 bytes originally\]$/);
    expect(value.startsWith('éé')).toBe(true);
    expect(truncated).toEqual([{ where: 'attributes.input.value', originalBytes: 6000 }]);
    expect(out.attributes[TRUNCATED_ATTRIBUTES_KEY]).toEqual({ 'attributes.input.value': 6000 });
  });

  it('caps resource and event attributes too, and serializes large arrays before cutting', () => {
    const input = span({ ok: 1 }, [
      { name: 'gen_ai.user.message', timeUnixNano: '1', attributes: { content: 'y'.repeat(5000) } },
    ]);
    input.resource = { big: Array.from({ length: 500 }, (_, i) => `item-${i}`) };
    const { span: out, truncated } = capSpanAttributeValues(input, 2000);
    expect(truncated.map((t) => t.where).sort()).toEqual(['events[0].content', 'resource.big']);
    expect(typeof out.resource.big).toBe('string');
    expect(out.resource.big as string).toMatch(/^\["item-0","item-1"/);
    expect(input.events[0]?.attributes.content).toHaveLength(5000); // the input is not mutated
  });

  it('never splits a surrogate pair', () => {
    const capped = capAttributeValue('😀'.repeat(1000), 100);
    expect(capped?.originalBytes).toBe(4000);
    expect(capped?.value).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('leaves small nested values alone without serializing them', () => {
    expect(capAttributeValue({ a: ['x', 1, true, null] }, 100)).toBeUndefined();
    expect(capAttributeValue({ a: 'z'.repeat(200) }, 100)?.originalBytes).toBe(208);
  });
});

describe('capLogRecordValues', () => {
  it('caps the body and attributes of a GenAI log record', () => {
    const log: OtlpLogRecord = {
      resource: {},
      scope: { name: 'openai' },
      timeUnixNano: '1',
      body: { content: 'q'.repeat(3000) },
      attributes: { 'event.name': 'gen_ai.user.message' },
    };
    const { log: out, truncated } = capLogRecordValues(log, 1000);
    expect(truncated).toEqual([{ where: 'body', originalBytes: 3014 }]);
    expect(typeof out.body).toBe('string');
    expect(out.attributes).toBe(log.attributes);
  });
});

describe('utf8Length', () => {
  it('matches the platform encoder', () => {
    for (const text of ['', 'abc', 'é', '日本語', '😀x', '\ud800']) {
      expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
    }
  });
});
