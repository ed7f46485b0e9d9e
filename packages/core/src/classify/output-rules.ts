import { GLASSBOX_ATTRIBUTES } from '../model/glassbox-attributes.js';
import type { Span } from '../model/span.js';
import { ClassifierError } from './classifier-error.js';
import { expectedFormat, parseJsonOutput } from './expected-format.js';
import { makeFinding, type Finding } from './failure-categories.js';
import { validateJsonSchema } from './json-schema.js';
import { detectRefusal } from './refusal-patterns.js';
import {
  callStatus,
  clip,
  errorText,
  hasToolCalls,
  outputText,
  stringAttribute,
} from './span-text.js';

const FILTER_REASONS = new Set([
  'content_filter',
  'safety',
  'blocked',
  'prohibited_content',
  'blocklist',
  'spii',
  'recitation',
]);
const LENGTH_REASONS = new Set(['length', 'max_tokens', 'max_output_tokens', 'model_length']);
const FILTER_TEXT =
  /content_filter|content management policy|responsible ai|safety system|blocked by safety/;

/** Content filter, truncation at max tokens, refusal, empty and malformed output. */
export function outputFindings(span: Span): Finding[] {
  const formatError = stringAttribute(span, GLASSBOX_ATTRIBUTES.formatError);
  if (span.kind !== 'llm') {
    return formatError ? [malformed(span, { formatError: clip(formatError) })] : [];
  }
  const finish = span.finishReason?.toLowerCase();
  const status = callStatus(span);
  const failed = span.status === 'error' || (status !== undefined && status !== 'success');
  const id = [span.spanId];
  if (
    status === 'content_filter' ||
    (finish && FILTER_REASONS.has(finish)) ||
    (failed && FILTER_TEXT.test(errorText(span).toLowerCase()))
  ) {
    return [
      makeFinding('content_filter', id, `${span.name}: blocked by a content filter`, {
        finishReason: finish ?? null,
        callStatus: status ?? null,
      }),
    ];
  }
  if (failed && status !== 'invalid_response') return [];
  const text = outputText(span);
  const out: Finding[] = [];
  const maxTokens = span.parameters.maxTokens;
  const hitLimit =
    finish === undefined && maxTokens !== undefined && (span.usage.output ?? 0) >= maxTokens;
  const incomplete = (finish !== undefined && LENGTH_REASONS.has(finish)) || hitLimit;
  if (incomplete) {
    out.push(
      makeFinding('incomplete_response', id, `${span.name}: output stopped at the token limit`, {
        finishReason: finish ?? null,
        outputTokens: span.usage.output ?? null,
        maxTokens: maxTokens ?? null,
      }),
    );
  }
  const refusal = finish === 'refusal' ? 'finish_reason refusal' : detectRefusal(text);
  if (refusal)
    out.push(
      makeFinding('refusal', id, `${span.name}: the model refused`, {
        matched: refusal,
        output: clip(text),
      }),
    );
  const recorded =
    span.outputMessages.length > 0 || span.output !== undefined || span.usage.output === 0;
  if (recorded && text.trim() === '' && !hasToolCalls(span) && !incomplete) {
    out.push(
      makeFinding('empty_output', id, `${span.name}: the model returned nothing`, {
        finishReason: finish ?? null,
        outputTokens: span.usage.output ?? null,
      }),
    );
  }
  if (formatError) out.push(malformed(span, { formatError: clip(formatError) }));
  else if (!incomplete && !refusal && text.trim() !== '') {
    const m = jsonFailure(span, text);
    if (m) out.push(m);
  }
  return out;
}

function jsonFailure(span: Span, text: string): Finding | undefined {
  const expected = expectedFormat(span);
  if (!expected.json) return undefined;
  const parsed = parseJsonOutput(text);
  if (!parsed.ok)
    return malformed(span, {
      expected: expected.source ?? 'json',
      parseError: clip(parsed.error),
      output: clip(text),
    });
  if (expected.schema === undefined) return undefined;
  try {
    const violations = validateJsonSchema(parsed.value, expected.schema);
    if (violations.length === 0) return undefined;
    return malformed(span, {
      expected: expected.source ?? 'json',
      schemaViolations: violations.map((v) => `${v.path} ${v.message}`),
    });
  } catch (error) {
    if (error instanceof ClassifierError) return undefined;
    throw error;
  }
}

function malformed(span: Span, evidence: Finding['evidence']): Finding {
  return makeFinding(
    'malformed_response',
    [span.spanId],
    `${span.name}: output is not the requested format`,
    evidence,
  );
}
