import type { OtlpEvent } from '../model/otlp-span.js';
import type { Span } from '../model/span.js';
import { normalizeSpan } from '../normalize/normalize-span.js';
import { mergeEvents } from './merge-events.js';
import { spanToOtlpSpan } from './span-to-otlp-span.js';

/**
 * Puts events on a span: the span normalized again with `events` added after its own, or
 * undefined when none of them was new (a retried export). Synchronous and pure: it runs while
 * a write holds its transaction.
 */
export type SpanEventAttacher = (span: Span, events: readonly OtlpEvent[]) => Span | undefined;

/**
 * Puts GenAI log events on a span: normalizes it again from its raw OTLP form with the new
 * events after its own, so messages carried by events fill its input and output. Returns
 * undefined when every event is already there (a retried export). A write runs it for a span
 * stored earlier, written now, or written later (see planSpanEvents).
 *
 * @example
 * attachSpanEvents(span, [userMessageEvent])?.inputMessages // [{ role: 'user', ... }]
 */
export const attachSpanEvents: SpanEventAttacher = (span, events) => {
  const raw = spanToOtlpSpan(span);
  const merged = mergeEvents(raw.events, events);
  return merged && normalizeSpan({ ...raw, events: merged }, { projectId: span.projectId });
};
