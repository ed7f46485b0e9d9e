import type { AttributeValue } from '../model/attributes.js';
import { GLASSBOX_ATTRIBUTES } from '../model/glassbox-attributes.js';
import type { Span } from '../model/span.js';

/** The text the span produced: its output messages, else its generic output. */
export function outputText(span: Span): string {
  if (span.outputMessages.length > 0) return span.outputMessages.map((m) => m.content).join('\n');
  return span.output ?? '';
}

/** Whether the span's output asked for tool calls. */
export function hasToolCalls(span: Span): boolean {
  return span.outputMessages.some((m) => (m.toolCalls?.length ?? 0) > 0);
}

/** Every message content the model was sent, plus the generic input when no messages exist. */
export function inputText(span: Span): string {
  if (span.inputMessages.length > 0) return span.inputMessages.map((m) => m.content).join('\n');
  return span.input ?? '';
}

/** A string attribute, or undefined. */
export function stringAttribute(span: Span, key: string): string | undefined {
  const v = span.attributes[key];
  return typeof v === 'string' ? v : undefined;
}

/** The call outcome recorded by the Glassbox SDK, lower-cased. */
export function callStatus(span: Span): string | undefined {
  return stringAttribute(span, GLASSBOX_ATTRIBUTES.callStatus)?.toLowerCase();
}

/** The HTTP status of the call, from the OTel HTTP attributes when present. */
export function httpStatus(span: Span): number | undefined {
  for (const key of ['http.response.status_code', 'http.status_code', 'error.status_code']) {
    const v = span.attributes[key];
    const n = typeof v === 'string' ? Number(v) : v;
    if (typeof n === 'number' && Number.isFinite(n)) return n;
  }
  return undefined;
}

/** Status message, `error.type` and exception events, joined: what the span said went wrong. */
export function errorText(span: Span): string {
  const parts: string[] = [];
  if (span.statusMessage) parts.push(span.statusMessage);
  const errorType = stringAttribute(span, 'error.type');
  if (errorType) parts.push(errorType);
  for (const event of span.events) {
    if (event.name !== 'exception') continue;
    for (const key of ['exception.type', 'exception.message']) {
      const v = event.attributes[key];
      if (typeof v === 'string') parts.push(v);
    }
  }
  return parts.join(' | ').slice(0, 4000);
}

/** A metadata value (`glassbox.metadata.<key>`), trimmed; undefined when blank. */
export function metadataValue(span: Span, key: string): string | undefined {
  const v = span.metadata[key]?.trim();
  return v ? v : undefined;
}

/** Parse a number from a snapshot or metadata string; undefined when it is not one. */
export function parseNumber(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** Cheap token estimate (about 4 characters a token, whitespace runs collapsed). */
export function estimateTokens(text: string): number {
  let chars = 0;
  let inSpace = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 9 || c === 10 || c === 13;
    if (space && inSpace) continue;
    inSpace = space;
    chars++;
  }
  return Math.ceil(chars / 4);
}

/** Lower-case and collapse whitespace, for presence checks. */
export function normalizeText(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ');
}

/** Truncate a value kept as evidence so findings stay small. */
export function clip(text: string, max = 200): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}\u2026`;
}

export function isTrue(value: AttributeValue | undefined): boolean {
  return value === true || value === 'true' || value === 1;
}
