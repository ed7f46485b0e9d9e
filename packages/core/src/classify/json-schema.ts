import { CLASSIFIER_ERROR_CODES, ClassifierError } from './classifier-error.js';

/** One violation: where (a JSON pointer such as `/passengers/0/name`) and what. */
export interface SchemaViolation {
  path: string;
  message: string;
}

const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
const MAX_VIOLATIONS = 20;

/**
 * Validate a parsed JSON value against the subset of JSON Schema tool definitions use: type
 * (one or a list), required, properties, additionalProperties (false or a schema), items,
 * enum, const, nested to any depth. Other keywords are ignored. Throws ClassifierError
 * (CLASSIFIER_INVALID_SCHEMA) when the schema itself is malformed.
 *
 * @example
 * validateJsonSchema({ city: 3 }, { type: 'object', properties: { city: { type: 'string' } } });
 * // [{ path: '/city', message: 'expected string, got integer' }]
 */
export function validateJsonSchema(value: unknown, schema: unknown): SchemaViolation[] {
  const out: SchemaViolation[] = [];
  walk(value, schema, '', out);
  return out;
}

function walk(value: unknown, schema: unknown, path: string, out: SchemaViolation[]): void {
  if (out.length >= MAX_VIOLATIONS || schema === true || schema === undefined) return;
  if (schema === false)
    return void out.push({ path: path || '/', message: 'no value is allowed here' });
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new ClassifierError(
      CLASSIFIER_ERROR_CODES.invalidSchema,
      `schema at "${path || '/'}" must be an object or boolean`,
    );
  }
  const s = schema as Record<string, unknown>;
  const at = path || '/';
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    for (const t of types) {
      if (typeof t !== 'string' || !TYPES.has(t)) {
        throw new ClassifierError(
          CLASSIFIER_ERROR_CODES.invalidSchema,
          `unknown type ${JSON.stringify(t)} in schema at "${at}"`,
        );
      }
    }
    const actual = typeOf(value);
    const ok = types.some((t) => t === actual || (t === 'number' && actual === 'integer'));
    if (!ok)
      return void out.push({ path: at, message: `expected ${types.join(' or ')}, got ${actual}` });
  }
  if (Array.isArray(s.enum) && !s.enum.some((e) => deepEqual(e, value))) {
    out.push({ path: at, message: `must be one of ${JSON.stringify(s.enum)}` });
  }
  if ('const' in s && !deepEqual(s.const, value))
    out.push({ path: at, message: `must equal ${JSON.stringify(s.const)}` });
  if (Array.isArray(value) && s.items !== undefined) {
    value.forEach((item, i) => walk(item, s.items, `${path}/${i}`, out));
  }
  if (typeOf(value) === 'object') checkObject(value as Record<string, unknown>, s, path, out);
}

function checkObject(
  value: Record<string, unknown>,
  s: Record<string, unknown>,
  path: string,
  out: SchemaViolation[],
): void {
  const props = (s.properties ?? {}) as Record<string, unknown>;
  if (typeof props !== 'object' || props === null || Array.isArray(props)) {
    throw new ClassifierError(
      CLASSIFIER_ERROR_CODES.invalidSchema,
      `"properties" at "${path || '/'}" must be an object`,
    );
  }
  if (s.required !== undefined) {
    if (!Array.isArray(s.required)) {
      throw new ClassifierError(
        CLASSIFIER_ERROR_CODES.invalidSchema,
        `"required" at "${path || '/'}" must be an array`,
      );
    }
    for (const key of s.required) {
      if (typeof key === 'string' && !(key in value))
        out.push({ path: `${path}/${key}`, message: 'is required' });
    }
  }
  for (const [key, v] of Object.entries(value)) {
    if (key in props) walk(v, props[key], `${path}/${key}`, out);
    else if (s.additionalProperties === false)
      out.push({ path: `${path}/${key}`, message: 'is not an allowed property' });
    else if (typeof s.additionalProperties === 'object')
      walk(v, s.additionalProperties, `${path}/${key}`, out);
  }
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}
