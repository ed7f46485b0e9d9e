import type { Attributes } from '../model/attributes.js';
import { GLASSBOX_ATTRIBUTES } from '../model/glassbox-attributes.js';
import type { SpanKind, ToolExecution } from '../model/span.js';
import { asString, firstOf, toText } from './attribute-values.js';

/**
 * The tool call a span executed: OTel `gen_ai.tool.*`, OpenInference `tool.*` with arguments
 * and result in `input.value` / `output.value`, the AI SDK's `ai.toolCall.*`, Traceloop tool
 * entities (`traceloop.entity.*`). Undefined when the span is no tool call.
 */
export function readToolExecution(
  attributes: Attributes,
  kind: SpanKind,
): ToolExecution | undefined {
  const isTool = kind === 'tool';
  const traceloopTool = asString(attributes['traceloop.span.kind']) === 'tool';
  const name =
    firstOf(attributes, ['gen_ai.tool.name', 'tool.name', 'ai.toolCall.name'], asString) ??
    (traceloopTool ? asString(attributes['traceloop.entity.name']) : undefined);
  const callId = firstOf(
    attributes,
    ['gen_ai.tool.call.id', 'ai.toolCall.id', 'tool.id'],
    asString,
  );
  const args =
    firstOf(attributes, ['gen_ai.tool.call.arguments', 'ai.toolCall.args'], toText) ??
    (isTool ? firstOf(attributes, ['input.value', 'traceloop.entity.input'], toText) : undefined);
  const result =
    firstOf(attributes, ['gen_ai.tool.call.result', 'ai.toolCall.result'], toText) ??
    (isTool ? firstOf(attributes, ['output.value', 'traceloop.entity.output'], toText) : undefined);
  const idempotencyKey = asString(attributes[GLASSBOX_ATTRIBUTES.toolIdempotencyKey]);
  if (!isTool && name === undefined && callId === undefined && idempotencyKey === undefined) {
    return undefined;
  }
  return {
    ...(name ? { name } : {}),
    ...(callId ? { callId } : {}),
    ...(args !== undefined ? { arguments: args } : {}),
    ...(result !== undefined ? { result } : {}),
    ...(idempotencyKey ? { idempotencyKey } : {}),
  };
}
