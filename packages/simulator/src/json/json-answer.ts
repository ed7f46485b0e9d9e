import type { JsonSchema, ResponseFormat } from '../chat/chat-types.js';
import type { Random } from '../util/seeded-random.js';
import { generateFromSchema } from './generate-from-schema.js';

/** The schema a JSON-mode answer must follow: the given one, or one read off an example. */
export function targetSchema(format: ResponseFormat, promptText: string): JsonSchema | null {
  if (format.type === 'json_schema') return format.json_schema.schema ?? { type: 'object' };
  if (format.type !== 'json_object') return null;
  const example = findJsonExample(promptText);
  return example ? schemaOfExample(example) : null;
}

/**
 * The JSON text of a JSON-mode answer. Without a schema it is `{"answer": ...}` (or
 * `{"label": ...}` for a classifier), the shape most JSON-mode prompts ask for.
 */
export function jsonAnswer(
  schema: JsonSchema | null,
  prose: string,
  isLabel: boolean,
  question: string,
  rng: Random,
): string {
  if (!schema) return JSON.stringify(isLabel ? { label: prose } : { answer: prose });
  return JSON.stringify(generateFromSchema(schema, { text: question, rng, prose }));
}

/**
 * Makes a JSON answer non-compliant the ways models do: markdown fences, a cut-off object,
 * or valid JSON missing a required field.
 */
export function breakJson(json: string, schema: JsonSchema | null, rng: Random): string {
  const value = JSON.parse(json) as unknown;
  const required =
    schema?.required ?? (value && typeof value === 'object' ? Object.keys(value) : []);
  const mode = rng.int(0, 2);
  if (
    mode === 2 &&
    required.length > 0 &&
    value &&
    typeof value === 'object' &&
    !Array.isArray(value)
  ) {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    delete copy[rng.pick(required)];
    return JSON.stringify(copy);
  }
  if (mode === 1) return json.slice(0, Math.max(1, Math.floor(json.length * 0.6)));
  return `Here is the JSON you asked for:\n\`\`\`json\n${JSON.stringify(value, null, 2)}\n\`\`\``;
}

function findJsonExample(text: string): Record<string, unknown> | null {
  for (let start = text.indexOf('{'); start >= 0; start = text.indexOf('{', start + 1)) {
    let depth = 0;
    for (let i = start; i < text.length; i++) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}' && --depth === 0) {
        try {
          const parsed = JSON.parse(text.slice(start, i + 1)) as unknown;
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
            return parsed as Record<string, unknown>;
          }
        } catch {
          // not JSON: keep looking
        }
        break;
      }
    }
  }
  return null;
}

function schemaOfExample(example: unknown): JsonSchema {
  if (Array.isArray(example)) return { type: 'array', items: schemaOfExample(example[0] ?? '') };
  if (example === null) return { type: 'null' };
  if (typeof example === 'object') {
    const properties = Object.fromEntries(
      Object.entries(example as Record<string, unknown>).map(([k, v]) => [k, schemaOfExample(v)]),
    );
    return { type: 'object', properties, required: Object.keys(properties) };
  }
  if (typeof example === 'number')
    return { type: Number.isInteger(example) ? 'integer' : 'number' };
  if (typeof example === 'string') return { type: 'string', default: example };
  return { type: typeof example };
}
