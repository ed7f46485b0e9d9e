import type { JsonSchema } from '../chat/chat-types.js';
import { resolveSchema } from './resolve-schema.js';

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(actual: string, expected: string): boolean {
  return actual === expected || (expected === 'number' && actual === 'integer');
}

/**
 * Validates a value against the JSON Schema subset used by tool parameters and structured
 * outputs; returns one message per problem (empty when valid).
 *
 * @example checkAgainstSchema({ city: 3 }, { type: 'object', properties: { city: { type: 'string' } } }) // ['$.city: expected string, got integer']
 */
export function checkAgainstSchema(
  value: unknown,
  schema: JsonSchema,
  root: JsonSchema = schema,
  path = '$',
): string[] {
  const s = resolveSchema(schema, root);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) {
    const ok = alternatives.some((alt) => checkAgainstSchema(value, alt, root, path).length === 0);
    return ok ? [] : [`${path}: matches none of the allowed alternatives`];
  }
  const problems: string[] = [];
  const actual = typeOf(value);
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.length > 0 && !types.some((t) => typeMatches(actual, t))) {
    return [`${path}: expected ${types.join(' or ')}, got ${actual}`];
  }
  if (s.const !== undefined && JSON.stringify(s.const) !== JSON.stringify(value)) {
    problems.push(`${path}: must equal ${JSON.stringify(s.const)}`);
  }
  if (s.enum && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    problems.push(`${path}: must be one of ${JSON.stringify(s.enum)}`);
  }
  if (typeof value === 'number') {
    if (s.minimum !== undefined && value < s.minimum) problems.push(`${path}: below ${s.minimum}`);
    if (s.maximum !== undefined && value > s.maximum) problems.push(`${path}: above ${s.maximum}`);
  }
  if (typeof value === 'string') {
    if (s.minLength !== undefined && value.length < s.minLength)
      problems.push(`${path}: too short`);
    if (s.maxLength !== undefined && value.length > s.maxLength) problems.push(`${path}: too long`);
  }
  if (Array.isArray(value)) {
    if (s.minItems !== undefined && value.length < s.minItems)
      problems.push(`${path}: too few items`);
    if (s.maxItems !== undefined && value.length > s.maxItems)
      problems.push(`${path}: too many items`);
    if (s.items)
      value.forEach((v, i) =>
        problems.push(...checkAgainstSchema(v, s.items!, root, `${path}[${i}]`)),
      );
  }
  if (actual === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of s.required ?? []) {
      if (!(key in record)) problems.push(`${path}: missing required property '${key}'`);
    }
    for (const [key, v] of Object.entries(record)) {
      const propSchema = s.properties?.[key];
      if (propSchema) problems.push(...checkAgainstSchema(v, propSchema, root, `${path}.${key}`));
      else if (s.additionalProperties === false)
        problems.push(`${path}: unexpected property '${key}'`);
      else if (typeof s.additionalProperties === 'object') {
        problems.push(...checkAgainstSchema(v, s.additionalProperties, root, `${path}.${key}`));
      }
    }
  }
  return problems;
}
