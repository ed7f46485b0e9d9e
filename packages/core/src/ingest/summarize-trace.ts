import type { Message, Span, SpanStatus } from '../model/span.js';
import type { SpanOutline, TraceSummary } from '../model/trace.js';
import { orderSpanTree } from './span-tree-order.js';

/** The fields of a span that a trace's summary and search facets are computed from. */
export type SummarySpan = Omit<SpanOutline, 'timeToFirstTokenMs'> &
  Pick<
    Span,
    | 'projectId'
    | 'traceId'
    | 'sessionId'
    | 'userId'
    | 'requestModel'
    | 'responseModel'
    | 'provider'
    | 'input'
    | 'output'
    | 'inputMessages'
    | 'outputMessages'
    | 'usage'
    | 'costUsd'
    | 'tags'
    | 'versions'
  >;

function lastContent(messages: readonly Message[], role?: string): string | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i] as Message;
    if ((role === undefined || message.role === role) && message.content !== '') {
      return message.content;
    }
  }
  return undefined;
}

function traceStatus(spans: readonly SummarySpan[]): SpanStatus {
  if (spans.some((s) => s.status === 'error')) return 'error';
  return spans.some((s) => s.status === 'ok') ? 'ok' : 'unset';
}

/**
 * Recomputes a trace's summary from all of its spans (one project, one trace id, non-empty).
 * The root is the earliest span without a parent in the trace; totals are sums over spans.
 *
 * @example
 * const summary = summarizeTrace([rootSpan, llmSpan]);
 * summary.usage.total; // tokens of both spans
 */
export function summarizeTrace(spans: readonly SummarySpan[]): TraceSummary {
  const ordered = orderSpanTree(spans);
  const root = ordered[0];
  if (root === undefined) throw new RangeError('summarizeTrace needs at least one span');
  let startMs = Infinity;
  let endMs = -Infinity;
  const usage = { input: 0, output: 0, cached: 0, total: 0 };
  let costUsd = 0;
  let errorCount = 0;
  const tags = new Set<string>();
  const models = new Set<string>();
  const versions: Record<string, string> = {};
  let sessionId = root.sessionId;
  let userId = root.userId;
  for (const span of ordered) {
    startMs = Math.min(startMs, span.startMs);
    endMs = Math.max(endMs, span.startMs + span.durationMs);
    const input = span.usage.input ?? 0;
    const output = span.usage.output ?? 0;
    usage.input += input;
    usage.output += output;
    usage.cached += span.usage.cached ?? 0;
    usage.total += span.usage.total ?? input + output;
    costUsd += span.costUsd ?? 0;
    if (span.status === 'error') errorCount++;
    for (const tag of span.tags) tags.add(tag);
    if (span.requestModel) models.add(span.requestModel);
    if (span.responseModel) models.add(span.responseModel);
    for (const [key, value] of Object.entries(span.versions)) {
      if (!(key in versions)) versions[key] = value;
    }
    sessionId ??= span.sessionId;
    userId ??= span.userId;
  }
  const summary: TraceSummary = {
    projectId: root.projectId,
    traceId: root.traceId,
    rootSpanId: root.spanId,
    rootName: root.name,
    startMs,
    endMs,
    durationMs: endMs - startMs,
    status: traceStatus(spans),
    tags: [...tags].sort(),
    models: [...models].sort(),
    usage,
    costUsd,
    spanCount: spans.length,
    errorCount,
    versions,
  };
  if (sessionId !== undefined) summary.sessionId = sessionId;
  if (userId !== undefined) summary.userId = userId;
  const input =
    root.input ?? lastContent(root.inputMessages, 'user') ?? lastContent(root.inputMessages);
  const output = root.output ?? lastContent(root.outputMessages);
  if (input !== undefined) summary.input = input;
  if (output !== undefined) summary.output = output;
  return summary;
}
