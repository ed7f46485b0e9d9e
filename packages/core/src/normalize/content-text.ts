import type { AttributeValue } from '../model/attributes.js';
import type { ToolCall } from '../model/span.js';
import { asString, asStructured, isRecord, toText } from './attribute-values.js';

const TEXT_PART_TYPES = new Set(['text', 'input_text', 'output_text', 'refusal']);

/**
 * The text of message content in any of the shapes seen in the wild: a string, a JSON string
 * of content parts (`[{"type":"text","text":"hi"}]`), or structured parts. Non-text parts
 * (images, files, reasoning) are left out.
 */
export function contentToText(value: AttributeValue | undefined): string | undefined {
  if (typeof value === 'string') {
    const parts = value.trimStart().startsWith('[{') ? asStructured(value) : undefined;
    if (Array.isArray(parts) && parts.length > 0 && parts.every(isPart)) return partsText(parts);
    return value;
  }
  if (Array.isArray(value)) return partsText(value);
  if (isRecord(value)) return partText(value) ?? toText(value);
  return asString(value);
}

function isPart(value: AttributeValue): boolean {
  return isRecord(value) && typeof value.type === 'string';
}

function partsText(parts: AttributeValue[]): string | undefined {
  const texts = parts
    .map((part) => (typeof part === 'string' ? part : isRecord(part) ? partText(part) : undefined))
    .filter((text): text is string => text !== undefined);
  return texts.length > 0 ? texts.join('') : undefined;
}

function partText(part: Record<string, AttributeValue>): string | undefined {
  const type = part.type;
  if (type !== undefined && !(typeof type === 'string' && TEXT_PART_TYPES.has(type)))
    return undefined;
  return asString(part.text) ?? asString(part.content) ?? asString(part.refusal);
}

/** Tool-call arguments as the raw JSON text; structured arguments are serialized. */
export function argumentsText(value: AttributeValue | undefined): string {
  return toText(value) ?? '';
}

/** A ToolCall when the value names a tool; the id is kept when present. */
export function toolCall(
  name: AttributeValue | undefined,
  args: AttributeValue | undefined,
  id: AttributeValue | undefined,
): ToolCall | undefined {
  const toolName = asString(name);
  if (toolName === undefined) return undefined;
  const callId = asString(id);
  return { ...(callId ? { id: callId } : {}), name: toolName, arguments: argumentsText(args) };
}
