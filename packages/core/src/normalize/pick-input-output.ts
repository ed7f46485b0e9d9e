import type { Attributes } from '../model/attributes.js';
import type { Message, SpanKind } from '../model/span.js';
import { asString, firstOf } from './attribute-values.js';

/**
 * The generic input text: `input.value` / `traceloop.entity.input`, then tool arguments,
 * the retrieval query, then the last user message. On LLM spans whose `input.value` is the
 * JSON request body (OpenInference), the last user message reads better and wins.
 */
export function pickInput(
  attributes: Attributes,
  kind: SpanKind,
  messages: Message[],
  toolArguments: string | undefined,
  retrievalQuery: string | undefined,
): string | undefined {
  const lastUser = [...messages]
    .reverse()
    .find((m) => m.role === 'user' && m.content !== '')?.content;
  const explicit = explicitValue(attributes, 'input', 'traceloop.entity.input');
  if (
    explicit !== undefined &&
    !(kind === 'llm' && lastUser !== undefined && isJsonBody(attributes, 'input'))
  ) {
    return explicit;
  }
  return toolArguments ?? retrievalQuery ?? lastUser ?? explicit;
}

/** The generic output text, built like the input from the first output message. */
export function pickOutput(
  attributes: Attributes,
  kind: SpanKind,
  messages: Message[],
  toolResult: string | undefined,
): string | undefined {
  const first = messages[0];
  const fromMessage =
    first === undefined
      ? undefined
      : first.content !== ''
        ? first.content
        : first.toolCalls?.map((call) => `${call.name}(${call.arguments})`).join('\n');
  const explicit = explicitValue(attributes, 'output', 'traceloop.entity.output');
  if (
    explicit !== undefined &&
    !(kind === 'llm' && fromMessage !== undefined && isJsonBody(attributes, 'output'))
  ) {
    return explicit;
  }
  return toolResult ?? fromMessage ?? explicit;
}

function explicitValue(attributes: Attributes, side: 'input' | 'output', traceloopKey: string) {
  return firstOf(attributes, [`${side}.value`, traceloopKey], asString);
}

function isJsonBody(attributes: Attributes, side: 'input' | 'output'): boolean {
  const mime = asString(attributes[`${side}.mime_type`]);
  if (mime !== undefined) return mime.includes('json');
  return (asString(attributes[`${side}.value`]) ?? '').trimStart().startsWith('{');
}
