import type { Span } from '../model/span.js';
import { metadataValue, stringAttribute } from './span-text.js';

/** What the request asked the output to be: JSON, and the JSON schema when one was given. */
export interface ExpectedFormat {
  json: boolean;
  schema?: unknown;
  /** Which attribute said so, for evidence. */
  source?: string;
}

/**
 * Read the requested response format from OTel (`gen_ai.output.type`), OpenAI attributes,
 * OpenInference `llm.invocation_parameters` (response_format / Ollama `format`) or
 * `glassbox.metadata.expected_format` = json.
 */
export function expectedFormat(span: Span): ExpectedFormat {
  if (stringAttribute(span, 'gen_ai.output.type')?.toLowerCase() === 'json')
    return { json: true, source: 'gen_ai.output.type' };
  for (const key of ['gen_ai.openai.request.response_format', 'gen_ai.request.response_format']) {
    const v = span.attributes[key];
    const text = typeof v === 'string' ? v : v && typeof v === 'object' ? JSON.stringify(v) : '';
    if (/json/i.test(text)) return { json: true, source: key, schema: schemaFrom(parse(text)) };
  }
  const params = parse(stringAttribute(span, 'llm.invocation_parameters') ?? '');
  if (params && typeof params === 'object') {
    const p = params as Record<string, unknown>;
    const rf = p.response_format;
    const type = rf && typeof rf === 'object' ? (rf as Record<string, unknown>).type : rf;
    if (typeof type === 'string' && /json/i.test(type))
      return { json: true, source: 'llm.invocation_parameters', schema: schemaFrom(rf) };
    if (p.format === 'json' || (p.format && typeof p.format === 'object')) {
      return {
        json: true,
        source: 'llm.invocation_parameters',
        schema: typeof p.format === 'object' ? p.format : undefined,
      };
    }
  }
  const meta = metadataValue(span, 'expected_format') ?? metadataValue(span, 'response_format');
  if (meta && /json/i.test(meta))
    return { json: true, source: 'glassbox.metadata.expected_format' };
  return { json: false };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function schemaFrom(rf: unknown): unknown {
  if (!rf || typeof rf !== 'object') return undefined;
  const js = (rf as Record<string, unknown>).json_schema;
  if (js && typeof js === 'object') return (js as Record<string, unknown>).schema;
  return undefined;
}

/** Parse model output as JSON, tolerating a ```json fence around it. */
export function parseJsonOutput(
  text: string,
): { ok: true; value: unknown } | { ok: false; error: string } {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n\s*```\s*$/i.exec(
    text.length < 200_000 ? text : '',
  );
  try {
    return { ok: true, value: JSON.parse(fenced?.[1] ?? text) as unknown };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
