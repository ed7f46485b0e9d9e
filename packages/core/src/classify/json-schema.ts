import { CLASSIFIER_ERROR_CODES, ClassifierError } from './classifier-error.js';

/** One violation: where (a JSON pointer such as `/passengers/0/name`) and what. */
export interface SchemaViolation {
  path: string;
  message: string;
}

const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
const MAX_VIOLATIONS = 20;

/** Keywords the validator checks, and annotations it accepts without checking. */
const CHECKED = [
  'type',
  'enum',
  'const',
  'items',
  'properties',
  'required',
  'additionalProperties',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
];
const ANNOTATIONS = ['$schema', '$id', 'title', 'description', 'default', 'examples', '$comment'];
const KNOWN = new Set([...CHECKED, ...ANNOTATIONS]);

export interface ValidateJsonSchemaOptions {
  /**
   * Reject keywords the validator does not check (as Ajv's strict mode does) instead of
   * ignoring them, so a verdict never silently skips part of a schema.
   */
  strict?: boolean;
}

/**
 * Validate a parsed JSON value against JSON Schema (draft 7 core): type (one or a list),
 * enum, const, required, properties, additionalProperties (false or a schema), items,
 * numeric bounds, multipleOf, string length and pattern, array length and uniqueItems,
 * property counts, anyOf/oneOf/allOf/not, nested to any depth. Other keywords are ignored,
 * or rejected with `strict`. Throws ClassifierError (CLASSIFIER_INVALID_SCHEMA) when the
 * schema itself is malformed.
 *
 * @example
 * validateJsonSchema({ city: 3 }, { type: 'object', properties: { city: { type: 'string' } } });
 * // [{ path: '/city', message: 'expected string, got integer' }]
 */
export function validateJsonSchema(
  value: unknown,
  schema: unknown,
  options: ValidateJsonSchemaOptions = {},
): SchemaViolation[] {
  const out: SchemaViolation[] = [];
  walk(value, schema, '', out, options.strict ?? false);
  return out;
}

function malformed(message: string): ClassifierError {
  return new ClassifierError(CLASSIFIER_ERROR_CODES.invalidSchema, message);
}

function walk(
  value: unknown,
  schema: unknown,
  path: string,
  out: SchemaViolation[],
  strict: boolean,
): void {
  if (out.length >= MAX_VIOLATIONS || schema === true || schema === undefined) return;
  if (schema === false)
    return void out.push({ path: path || '/', message: 'no value is allowed here' });
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw malformed(`schema at "${path || '/'}" must be an object or boolean`);
  }
  const s = schema as Record<string, unknown>;
  const at = path || '/';
  if (strict) {
    const unknown = Object.keys(s).find((key) => !KNOWN.has(key));
    if (unknown) throw malformed(`unsupported schema keyword "${unknown}" at "${at}"`);
  }
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    for (const t of types) {
      if (typeof t !== 'string' || !TYPES.has(t)) {
        throw malformed(`unknown type ${JSON.stringify(t)} in schema at "${at}"`);
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
  if (typeof value === 'number') checkNumber(value, s, at, out);
  if (typeof value === 'string') checkString(value, s, at, out);
  if (Array.isArray(value)) {
    checkArrayBounds(value, s, at, out);
    if (s.items !== undefined) {
      if (Array.isArray(s.items)) {
        s.items.forEach((itemSchema, i) => {
          if (i < value.length) walk(value[i], itemSchema, `${path}/${i}`, out, strict);
        });
      } else value.forEach((item, i) => walk(item, s.items, `${path}/${i}`, out, strict));
    }
  }
  if (typeOf(value) === 'object')
    checkObject(value as Record<string, unknown>, s, path, out, strict);
  checkCombinators(value, s, path, out, strict);
}

function bound(s: Record<string, unknown>, key: string, at: string): number | undefined {
  const v = s[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw malformed(`"${key}" at "${at}" must be a number`);
  return v;
}

function checkNumber(
  value: number,
  s: Record<string, unknown>,
  at: string,
  out: SchemaViolation[],
): void {
  const min = bound(s, 'minimum', at);
  const max = bound(s, 'maximum', at);
  const xmin = bound(s, 'exclusiveMinimum', at);
  const xmax = bound(s, 'exclusiveMaximum', at);
  const step = bound(s, 'multipleOf', at);
  if (min !== undefined && value < min) out.push({ path: at, message: `must be >= ${min}` });
  if (max !== undefined && value > max) out.push({ path: at, message: `must be <= ${max}` });
  if (xmin !== undefined && value <= xmin) out.push({ path: at, message: `must be > ${xmin}` });
  if (xmax !== undefined && value >= xmax) out.push({ path: at, message: `must be < ${xmax}` });
  if (step !== undefined) {
    if (step <= 0) throw malformed(`"multipleOf" at "${at}" must be positive`);
    const q = value / step;
    if (Math.abs(q - Math.round(q)) > 1e-9)
      out.push({ path: at, message: `must be a multiple of ${step}` });
  }
}

function checkString(
  value: string,
  s: Record<string, unknown>,
  at: string,
  out: SchemaViolation[],
): void {
  const length = [...value].length;
  const min = bound(s, 'minLength', at);
  const max = bound(s, 'maxLength', at);
  if (min !== undefined && length < min)
    out.push({ path: at, message: `must have at least ${min} characters` });
  if (max !== undefined && length > max)
    out.push({ path: at, message: `must have at most ${max} characters` });
  if (s.pattern !== undefined) {
    if (typeof s.pattern !== 'string') throw malformed(`"pattern" at "${at}" must be a string`);
    let re: RegExp;
    try {
      re = new RegExp(s.pattern, 'u');
    } catch {
      throw malformed(`"pattern" at "${at}" is not a valid regular expression`);
    }
    if (!re.test(value)) out.push({ path: at, message: `must match pattern "${s.pattern}"` });
  }
}

function checkArrayBounds(
  value: unknown[],
  s: Record<string, unknown>,
  at: string,
  out: SchemaViolation[],
): void {
  const min = bound(s, 'minItems', at);
  const max = bound(s, 'maxItems', at);
  if (min !== undefined && value.length < min)
    out.push({ path: at, message: `must have at least ${min} items` });
  if (max !== undefined && value.length > max)
    out.push({ path: at, message: `must have at most ${max} items` });
  if (s.uniqueItems === true) {
    const duplicate = value.some((v, i) => value.slice(0, i).some((w) => deepEqual(v, w)));
    if (duplicate) out.push({ path: at, message: 'must not contain duplicate items' });
  }
}

function checkCombinators(
  value: unknown,
  s: Record<string, unknown>,
  path: string,
  out: SchemaViolation[],
  strict: boolean,
): void {
  const at = path || '/';
  const passes = (sub: unknown): boolean => {
    const inner: SchemaViolation[] = [];
    walk(value, sub, path, inner, strict);
    return inner.length === 0;
  };
  const branches = (key: string): unknown[] | undefined => {
    const v = s[key];
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.length === 0)
      throw malformed(`"${key}" at "${at}" must be a non-empty array`);
    return v;
  };
  const all = branches('allOf');
  if (all) for (const sub of all) walk(value, sub, path, out, strict);
  const any = branches('anyOf');
  if (any && !any.some(passes)) out.push({ path: at, message: 'must match a schema in anyOf' });
  const one = branches('oneOf');
  if (one && one.filter(passes).length !== 1)
    out.push({ path: at, message: 'must match exactly one schema in oneOf' });
  if (s.not !== undefined && passes(s.not))
    out.push({ path: at, message: 'must not match the schema in not' });
}

function checkObject(
  value: Record<string, unknown>,
  s: Record<string, unknown>,
  path: string,
  out: SchemaViolation[],
  strict: boolean,
): void {
  const count = Object.keys(value).length;
  const minProps = bound(s, 'minProperties', path || '/');
  const maxProps = bound(s, 'maxProperties', path || '/');
  if (minProps !== undefined && count < minProps)
    out.push({ path: path || '/', message: `must have at least ${minProps} properties` });
  if (maxProps !== undefined && count > maxProps)
    out.push({ path: path || '/', message: `must have at most ${maxProps} properties` });
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
    if (key in props) walk(v, props[key], `${path}/${key}`, out, strict);
    else if (s.additionalProperties === false)
      out.push({ path: `${path}/${key}`, message: 'is not an allowed property' });
    else if (typeof s.additionalProperties === 'object')
      walk(v, s.additionalProperties, `${path}/${key}`, out, strict);
  }
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/**
 * Structural equality of JSON values: key order ignored, array order kept.
 *
 * @example
 * jsonEqual({ a: [1, 2], b: 'x' }, { b: 'x', a: [1, 2] }); // true
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return deepEqual(a, b);
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
