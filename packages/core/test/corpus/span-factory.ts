import type { Message, RetrievedDocument, Span } from '../../src/model/span.js';

/** 2025-06-01T12:00:00Z: the instant every corpus trace starts at. */
export const T0 = Date.UTC(2025, 5, 1, 12);
export const DAY = 86_400_000;

export type SpanInit = Partial<Span> & { spanId: string };

/**
 * A complete Span with neutral defaults, for tests and the labelled corpus.
 *
 * @example
 * makeSpan({ spanId: 'a', kind: 'llm', durationMs: 900 });
 */
export function makeSpan(init: SpanInit): Span {
  const startMs = init.startMs ?? T0;
  const durationMs = init.durationMs ?? 500;
  return {
    projectId: 'p1',
    traceId: 't1',
    name: init.kind ?? 'chain',
    kind: 'chain',
    startTimeUnixNano: `${BigInt(Math.round(startMs)) * 1_000_000n}`,
    endTimeUnixNano: `${BigInt(Math.round(startMs + durationMs)) * 1_000_000n}`,
    startMs,
    durationMs,
    status: 'ok',
    parameters: {},
    inputMessages: [],
    outputMessages: [],
    usage: {},
    toolDefinitions: [],
    documents: [],
    tags: [],
    metadata: {},
    versions: {},
    resource: {},
    scope: { name: 'corpus' },
    attributes: {},
    events: [],
    ...init,
  };
}

/** A chat model call answering `user` with `answer`. */
export function llmSpan(
  spanId: string,
  user: string,
  answer: string,
  extra: Partial<Span> = {},
): Span {
  const input: Message[] = [
    {
      role: 'system',
      content:
        'You are a helpful support assistant for Northwind Travel. Answer from the provided context.',
    },
    { role: 'user', content: user },
  ];
  return makeSpan({
    spanId,
    name: 'chat gpt-4o',
    kind: 'llm',
    requestModel: 'gpt-4o',
    responseModel: 'gpt-4o-2024-08-06',
    provider: 'openai',
    inputMessages: input,
    outputMessages: [{ role: 'assistant', content: answer }],
    finishReason: 'stop',
    usage: { input: 420, output: 80, total: 500 },
    parentSpanId: 'root',
    ...extra,
  });
}

/** A retriever span returning `docs`. */
export function retrieverSpan(
  spanId: string,
  query: string,
  docs: RetrievedDocument[],
  extra: Partial<Span> = {},
): Span {
  return makeSpan({
    spanId,
    name: 'vector search',
    kind: 'retriever',
    retrievalQuery: query,
    documents: docs,
    parentSpanId: 'root',
    durationMs: 120,
    ...extra,
  });
}

/** A tool execution span. */
export function toolSpan(
  spanId: string,
  name: string,
  args: string,
  result: string,
  extra: Partial<Span> = {},
): Span {
  return makeSpan({
    spanId,
    name: `execute_tool ${name}`,
    kind: 'tool',
    tool: { name, arguments: args, result },
    parentSpanId: 'root',
    durationMs: 200,
    ...extra,
  });
}

/** The root span of a request. */
export function rootSpan(input: string, output: string, extra: Partial<Span> = {}): Span {
  return makeSpan({
    spanId: 'root',
    name: 'handle_request',
    kind: 'chain',
    input,
    output,
    durationMs: 3000,
    ...extra,
  });
}

/** A document with content, score, source and a recent ingestion time by default. */
export function doc(
  id: string,
  content: string,
  score = 0.82,
  extra: Partial<RetrievedDocument> = {},
): RetrievedDocument {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) % 100_003;
  return {
    id,
    content,
    score,
    source: 'kb/policies',
    ingestedAtMs: T0 - (8 + (h % 17)) * DAY - (h % 977) * 60_000,
    ...extra,
  };
}
