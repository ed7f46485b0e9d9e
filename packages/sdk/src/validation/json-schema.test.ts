import { describe, expect, it } from 'vitest';
import { checkOutputFormat } from './check-output-format.js';
import { validateJsonSchema, type JsonSchema } from './json-schema.js';

const schema: JsonSchema = {
  type: 'object',
  required: ['intent', 'confidence'],
  additionalProperties: false,
  properties: {
    intent: { type: 'string', enum: ['refund', 'other'] },
    confidence: { type: 'number' },
    tags: { type: 'array', items: { type: 'string' } },
    count: { type: ['integer', 'null'] },
  },
};

describe('validateJsonSchema', () => {
  it('accepts a valid value', () => {
    expect(
      validateJsonSchema({ intent: 'refund', confidence: 0.8, tags: ['a'], count: null }, schema),
    ).toEqual([]);
  });

  it('reports each violation with its path', () => {
    expect(
      validateJsonSchema({ intent: 'cancel', tags: ['a', 2], count: 1.5, extra: true }, schema),
    ).toEqual([
      '$: missing required property "confidence"',
      '$.intent: "cancel" is not one of ["refund","other"]',
      '$.tags[1]: expected string, got number',
      '$.count: expected integer or null, got number',
      '$: unexpected property "extra"',
    ]);
    expect(validateJsonSchema([1], schema)).toEqual(['$: expected object, got array']);
  });

  it('validates additionalProperties given as a schema', () => {
    expect(
      validateJsonSchema({ a: 1, b: 'x' }, { additionalProperties: { type: 'number' } }),
    ).toEqual(['$.b: expected number, got string']);
  });

  it('rejects an unsupported type name clearly', () => {
    expect(() => validateJsonSchema(1, { type: 'float' as never })).toThrow(
      /unsupported JSON schema type "float"/,
    );
  });
});

describe('checkOutputFormat', () => {
  it('passes valid JSON, names parse and schema failures', () => {
    expect(
      checkOutputFormat('{"intent":"refund","confidence":1}', { format: 'json', schema }),
    ).toBeUndefined();
    expect(checkOutputFormat('Sure! {"intent"', { format: 'json' })).toMatch(/^invalid JSON: /);
    expect(checkOutputFormat('{"intent":"refund"}', { format: 'json', schema })).toBe(
      'schema: $: missing required property "confidence"',
    );
  });

  it('rejects an unsupported format', () => {
    expect(() => checkOutputFormat('x', { format: 'xml' as never })).toThrow(
      /only "json" is supported/,
    );
  });
});
