import type { JsonSchema } from '../chat/chat-types.js';
import { keyTerms, overlap, words } from '../text/key-terms.js';
import type { Random } from '../util/seeded-random.js';
import { primaryType, resolveSchema } from './resolve-schema.js';

/** What generated values are drawn from: the user's words and a random source. */
export interface GenerationContext {
  text: string;
  rng: Random;
  /** Filler for free-text fields (e.g. the answer itself in JSON mode). */
  prose?: string;
}

/**
 * Builds a value valid against `schema`, filled from the user's text where a field's name
 * suggests it (query, city, id, numbers), so tool arguments look like a model wrote them.
 *
 * @example generateFromSchema({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }, { text: 'Weather in Paris?', rng })
 */
export function generateFromSchema(
  schema: JsonSchema,
  context: GenerationContext,
  root: JsonSchema = schema,
  name = '',
  depth = 0,
): unknown {
  const s = resolveSchema(schema, root);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives && alternatives.length > 0) {
    const choice = alternatives.find((alt) => primaryType(resolveSchema(alt, root)) !== 'null');
    return generateFromSchema(choice ?? alternatives[0]!, context, root, name, depth);
  }
  if (s.const !== undefined) return s.const;
  if (s.enum && s.enum.length > 0) return bestEnum(s.enum, context);
  switch (primaryType(s)) {
    case 'object':
      return depth > 6 ? {} : generateObject(s, context, root, depth);
    case 'array': {
      const count = Math.max(s.minItems ?? 1, 1);
      const items = s.items ?? { type: 'string' };
      return Array.from({ length: Math.min(count, s.maxItems ?? count) }, () =>
        generateFromSchema(items, context, root, name, depth + 1),
      );
    }
    case 'integer':
    case 'number':
      return generateNumber(s, context, name, primaryType(s) === 'integer');
    case 'boolean':
      return !/\b(?:not|no|don't|without|never)\b/i.test(context.text);
    case 'null':
      return null;
    default:
      return generateString(s, context, name);
  }
}

function generateObject(
  s: JsonSchema,
  context: GenerationContext,
  root: JsonSchema,
  depth: number,
) {
  const required = new Set(s.required ?? []);
  const result: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(s.properties ?? {})) {
    const mentioned = overlap(words(key.replace(/_/g, ' ')), context.text) > 0;
    if (required.has(key) || mentioned || context.rng.chance(0.3)) {
      result[key] = generateFromSchema(prop, context, root, key, depth + 1);
    }
  }
  return result;
}

function bestEnum(values: readonly unknown[], context: GenerationContext): unknown {
  const scored = values.map((v) => overlap(words(String(v).replace(/_/g, ' ')), context.text));
  const best = Math.max(...scored);
  return best > 0 ? values[scored.indexOf(best)] : context.rng.pick(values);
}

function generateNumber(s: JsonSchema, context: GenerationContext, name: string, integer: boolean) {
  const min = s.minimum ?? (integer ? 1 : 0);
  const max = s.maximum ?? Math.max(min + 100, 100);
  const fromText = (context.text.match(/-?\d+(?:\.\d+)?/g) ?? [])
    .map(Number)
    .find((n) => n >= min && n <= max && (!integer || Number.isInteger(n)));
  if (fromText !== undefined) return fromText;
  if (/limit|count|top_?k|max_?results|^k$|^n$/i.test(name)) return Math.min(max, Math.max(min, 5));
  const value = min + context.rng.next() * (max - min);
  return integer ? Math.round(value) : Math.round(value * 100) / 100;
}

function generateString(s: JsonSchema, context: GenerationContext, name: string): string {
  const text = context.text;
  const terms = keyTerms(text);
  let value: string;
  if (s.format === 'date-time') value = '2024-06-01T12:00:00Z';
  else if (s.format === 'date' || /date|day/i.test(name))
    value = text.match(/\d{4}-\d{2}-\d{2}/)?.[0] ?? '2024-06-01';
  else if (s.format === 'time' || /(?:^|_)(?:time|hour)$/i.test(name))
    value = text.match(/\b\d{1,2}:\d{2}\b/)?.[0] ?? '10:00';
  else if (s.format === 'email' || /email/i.test(name))
    value = text.match(/\S+@\S+\.\w+/)?.[0] ?? 'user@example.com';
  else if (s.format === 'uri' || /url|link/i.test(name))
    value = text.match(/https?:\/\/\S+/)?.[0] ?? 'https://example.com';
  else if (/city|location|place|destination|country|where/i.test(name))
    value = properNoun(text) ?? 'Paris';
  else if (/(?:^|_)(?:id|number|ref|sku|code)$|Id$/i.test(name)) {
    value =
      text.match(/\b[A-Z]{1,5}-?\d{2,}\b|\b\d{3,}\b/)?.[0] ??
      `${name || 'id'}-${context.rng.int(1000, 9999)}`;
  } else if (/name|user|person|customer/i.test(name)) value = properNoun(text) ?? 'Alex';
  else if (/lang/i.test(name)) value = 'en';
  else if (/query|^q$|search|question|prompt|input|keywords?|topic/i.test(name)) {
    value = terms.join(' ') || text.trim();
  } else if (typeof s.default === 'string') value = s.default;
  else if (
    context.prose &&
    (name === '' ||
      /answer|response|summary|explanation|reason|content|text|reply|description|message/i.test(
        name,
      ))
  ) {
    value = context.prose;
  } else value = phraseNaming(text, name) ?? (terms.slice(0, 6).join(' ') || 'n/a');
  if (s.maxLength !== undefined) value = value.slice(0, s.maxLength);
  if (s.minLength !== undefined && value.length < s.minLength)
    value = value.padEnd(s.minLength, '.');
  return value;
}

/**
 * The proper name the text gives a field, from the capitalized words just before the field's
 * own word: "at the Harbour workshop" fills `workshop` with "Harbour workshop".
 */
function phraseNaming(text: string, name: string): string | undefined {
  const field = name.replace(/_/g, ' ').trim();
  if (!field) return undefined;
  const tokens = text.split(/\s+/);
  const at = tokens.findIndex(
    (t) => t.replace(/[^\w-]/g, '').toLowerCase() === field.toLowerCase(),
  );
  if (at <= 0) return undefined;
  let from = at;
  while (from > 0 && at - from < 3 && /^[A-Z][\w-]*$/.test(tokens[from - 1]!)) from--;
  if (from === at) return undefined;
  return tokens
    .slice(from, at + 1)
    .join(' ')
    .replace(/[^\w-]+$/, '');
}

function properNoun(text: string): string | undefined {
  const candidates = [...text.matchAll(/(?<![.!?]\s|^)\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)/g)].map(
    (m) => m[1]!,
  );
  return candidates.find((c) => !/^(?:I|What|How|Why|When|Where|Please|Can|Could|The)$/.test(c));
}
