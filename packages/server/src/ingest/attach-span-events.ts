import { type OtlpEvent, type Span } from '@glassbox/core/model';
import { normalizeSpan } from '@glassbox/core/normalize';
import { mergeEvents } from './merge-events.js';
import { spanToOtlpSpan } from './span-to-otlp-span.js';

/**
 * Puts GenAI log events on a span: normalizes it again from its raw OTLP form with the new
 * events after its own, so messages carried by events fill its input and output. Returns
 * undefined when every event is already there (a retried export). The store calls it inside
 * its write for a span stored earlier, written now, or written later (SpanEventAttacher).
 *
 * @example
 * attachSpanEvents(span, [userMessageEvent])?.inputMessages // [{ role: 'user', ... }]
 */
export function attachSpanEvents(span: Span, events: readonly OtlpEvent[]): Span | undefined {
  const raw = spanToOtlpSpan(span);
  const merged = mergeEvents(raw.events, events);
  return merged && normalizeSpan({ ...raw, events: merged }, { projectId: span.projectId });
}
