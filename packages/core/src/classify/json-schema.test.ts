import { describe, expect, it } from 'vitest';
import { ClassifierError } from './classifier-error.js';
import { validateJsonSchema } from './json-schema.js';

const schema = {
  type: 'object',
  properties: {
    flight: { type: 'string' },
    seats: { type: 'integer' },
    price: { type: 'number' },
    cabin: { type: 'string', enum: ['economy', 'business'] },
    passengers: {
      type: 'array',
      items: {
        type: 'object',
        properties: { name: { type: 'string' } },
        required: ['name'],
        additionalProperties: false,
      },
    },
    note: { type: ['string', 'null'] },
  },
  required: ['flight'],
  additionalProperties: false,
};

describe('validateJsonSchema', () => {
  it('accepts a valid nested value', () => {
    expect(
      validateJsonSchema(
        {
          flight: 'NW1',
          seats: 2,
          price: 9,
          cabin: 'economy',
          passengers: [{ name: 'Ana' }],
          note: null,
        },
        schema,
      ),
    ).toEqual([]);
  });

  it('reports type, required, enum, additionalProperties and nested item violations with paths', () => {
    const v = validateJsonSchema(
      { seats: 1.5, cabin: 'luxury', extra: true, passengers: [{ name: 3, age: 4 }] },
      schema,
    );
    expect(v).toEqual(
      expect.arrayContaining([
        { path: '/flight', message: 'is required' },
        { path: '/seats', message: 'expected integer, got number' },
        { path: '/cabin', message: 'must be one of ["economy","business"]' },
        { path: '/extra', message: 'is not an allowed property' },
        { path: '/passengers/0/name', message: 'expected string, got integer' },
        { path: '/passengers/0/age', message: 'is not an allowed property' },
      ]),
    );
    expect(v).toHaveLength(6);
  });

  it('rejects a value of the wrong top-level type', () => {
    expect(validateJsonSchema([1], schema)).toEqual([
      { path: '/', message: 'expected object, got array' },
    ]);
  });

  it('checks additionalProperties given as a schema', () => {
    expect(
      validateJsonSchema(
        { a: 1, b: 'x' },
        { type: 'object', additionalProperties: { type: 'integer' } },
      ),
    ).toEqual([{ path: '/b', message: 'expected integer, got string' }]);
  });

  it('throws a coded error on a malformed schema', () => {
    expect(() => validateJsonSchema({}, { type: 'strnig' })).toThrow(ClassifierError);
    try {
      validateJsonSchema({}, { type: 'object', required: 'flight' });
    } catch (e) {
      expect((e as ClassifierError).code).toBe('CLASSIFIER_INVALID_SCHEMA');
    }
  });
});
