import { validateJsonSchema, type JsonSchema } from './json-schema.js';

/** What the application expects a model's output to be. */
export interface OutputExpectation {
  format: 'json';
  schema?: JsonSchema;
}

/**
 * Checks output text against an expectation; returns why it fails, or undefined when it passes.
 *
 * @example
 * checkOutputFormat('{"a":1}', { format: 'json', schema: { required: ['b'] } })
 * // 'schema: $: missing required property "b"'
 */
export function checkOutputFormat(
  text: string,
  expectation: OutputExpectation,
): string | undefined {
  if (expectation.format !== 'json') {
    throw new TypeError(
      `unsupported expected format ${JSON.stringify(expectation.format)}; only "json" is supported`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return `invalid JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (!expectation.schema) return undefined;
  const errors = validateJsonSchema(parsed, expectation.schema);
  if (errors.length === 0) return undefined;
  const shown = errors.slice(0, 5).join('; ');
  return `schema: ${shown}${errors.length > 5 ? ` (+${errors.length - 5} more)` : ''}`;
}
