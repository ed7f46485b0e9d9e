import type { Span } from '@glassbox/core/model';

/**
 * The answer a trace gave its user: the root span's output, else the last model call's last
 * reply. Used to highlight the parts of retrieved documents the answer drew on.
 *
 * @example
 * traceAnswer(detail.spans, detail.trace.rootSpanId); // 'The Pro plan costs $49 per month.'
 */
export function traceAnswer(
  spans: readonly Span[],
  rootSpanId: string | undefined,
): string | undefined {
  const root = spans.find((s) => s.spanId === rootSpanId) ?? spans[0];
  if (root?.output) return root.output;
  return lastModelReply(spans);
}

/** The last reply of the latest-ending model call. */
export function lastModelReply(spans: readonly Span[]): string | undefined {
  let latest: Span | undefined;
  for (const span of spans) {
    if (span.kind !== 'llm') continue;
    if (!latest || span.startMs + span.durationMs >= latest.startMs + latest.durationMs)
      latest = span;
  }
  const outputs = latest?.outputMessages ?? [];
  return outputs[outputs.length - 1]?.content || latest?.output;
}
