/*
 * OTLP/JSON export requests shaped as OpenInference instrumentations send them: a RAG trace,
 * an agent trace with tool calls and a failing tool, a three-turn chat session, and a
 * 10,000-span trace.
 */

type Value = string | number | boolean | string[];

interface OtlpJsonSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: { key: string; value: Record<string, unknown> }[];
  status: { code: number; message?: string };
}

export interface SpanInput {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  startMs: number;
  durationMs: number;
  attributes?: Record<string, Value>;
  error?: string;
}

export function hexId(prefix: string, n: number, length: number): string {
  return (prefix + n.toString(16)).padStart(length, '0').slice(-length);
}

function anyValue(value: Value): Record<string, unknown> {
  if (Array.isArray(value))
    return { arrayValue: { values: value.map((v) => ({ stringValue: v })) } };
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
}

const nanos = (ms: number) => (BigInt(Math.round(ms * 1000)) * 1000n).toString();

export function otlpSpan(input: SpanInput): OtlpJsonSpan {
  return {
    traceId: input.traceId,
    spanId: input.spanId,
    ...(input.parentSpanId ? { parentSpanId: input.parentSpanId } : {}),
    name: input.name,
    kind: 1,
    startTimeUnixNano: nanos(input.startMs),
    endTimeUnixNano: nanos(input.startMs + input.durationMs),
    attributes: Object.entries(input.attributes ?? {}).map(([key, value]) => ({
      key,
      value: anyValue(value),
    })),
    status: input.error ? { code: 2, message: input.error } : { code: 1 },
  };
}

/** An ExportTraceServiceRequest in OTLP/JSON. */
export function exportRequest(spans: SpanInput[], service = 'support-bot'): string {
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
        scopeSpans: [
          {
            scope: { name: 'openinference.instrumentation.test', version: '1.0.0' },
            spans: spans.map(otlpSpan),
          },
        ],
      },
    ],
  });
}

export const RAG_ANSWER =
  'Refunds are issued within 14 business days to the original payment method.';
export const RAG_DOC =
  'Refund policy: refunds are issued within 14 business days to the original payment method. Gift cards are not refundable.';

export function ragTrace(baseMs: number): { traceId: string; spans: SpanInput[] } {
  const traceId = hexId('a1', 1, 32);
  const root = hexId('a1', 0x100, 16);
  const retriever = hexId('a1', 0x101, 16);
  const llm = hexId('a1', 0x102, 16);
  return {
    traceId,
    spans: [
      {
        traceId,
        spanId: root,
        name: 'answer-question',
        startMs: baseMs,
        durationMs: 1840,
        attributes: {
          'openinference.span.kind': 'CHAIN',
          'input.value': 'How long do refunds take?',
          'output.value': RAG_ANSWER,
          'user.id': 'u-alice',
          'glassbox.tags': ['beta'],
          'glassbox.version.prompt': 'support-v3',
          'glassbox.version.index': 'kb-2025-01',
        },
      },
      {
        traceId,
        spanId: retriever,
        parentSpanId: root,
        name: 'retrieve-policy-docs',
        startMs: baseMs + 20,
        durationMs: 240,
        attributes: {
          'openinference.span.kind': 'RETRIEVER',
          'input.value': 'refund duration',
          'retrieval.documents.0.document.id': 'kb-refunds',
          'retrieval.documents.0.document.content': RAG_DOC,
          'retrieval.documents.0.document.score': 0.91,
          'retrieval.documents.0.document.metadata': JSON.stringify({
            source: 'https://help.example.com/refunds',
            ingested_at: new Date(baseMs - 3 * 86_400_000).toISOString(),
          }),
          'retrieval.documents.1.document.id': 'kb-shipping',
          'retrieval.documents.1.document.content':
            'Standard shipping takes 3 to 5 days within the EU.',
          'retrieval.documents.1.document.score': 0.42,
        },
      },
      {
        traceId,
        spanId: llm,
        parentSpanId: root,
        name: 'ChatCompletion',
        startMs: baseMs + 280,
        durationMs: 1500,
        attributes: {
          'openinference.span.kind': 'LLM',
          'llm.model_name': 'gpt-4o-mini',
          'llm.provider': 'openai',
          'llm.invocation_parameters': JSON.stringify({ temperature: 0.2, max_tokens: 512 }),
          'llm.input_messages.0.message.role': 'system',
          'llm.input_messages.0.message.content':
            'You are the Acme support assistant. Answer only from the context.',
          'llm.input_messages.1.message.role': 'user',
          'llm.input_messages.1.message.content': `Context:\n${RAG_DOC}\n\nQuestion: How long do refunds take?`,
          'llm.output_messages.0.message.role': 'assistant',
          'llm.output_messages.0.message.content': RAG_ANSWER,
          'llm.token_count.prompt': 412,
          'llm.token_count.completion': 38,
          'llm.token_count.total': 450,
          'gen_ai.response.time_to_first_chunk': 0.35,
        },
      },
    ],
  };
}

export function agentTrace(baseMs: number): { traceId: string; spans: SpanInput[] } {
  const traceId = hexId('b2', 2, 32);
  const id = (n: number) => hexId('b2', 0x200 + n, 16);
  const args = JSON.stringify({ origin: 'BER', destination: 'LIS', date: '2025-03-14' });
  return {
    traceId,
    spans: [
      {
        traceId,
        spanId: id(0),
        name: 'travel-agent',
        startMs: baseMs,
        durationMs: 3200,
        error: 'hotel booking failed',
        attributes: {
          'openinference.span.kind': 'AGENT',
          'input.value': 'Book me a flight to Lisbon and a hotel',
          'user.id': 'u-bob',
          'agent.name': 'travel-agent',
        },
      },
      {
        traceId,
        spanId: id(1),
        parentSpanId: id(0),
        name: 'plan',
        startMs: baseMs + 10,
        durationMs: 900,
        attributes: {
          'openinference.span.kind': 'LLM',
          'llm.model_name': 'gpt-4o',
          'llm.input_messages.0.message.role': 'system',
          'llm.input_messages.0.message.content': 'You are a travel agent. Use tools.',
          'llm.input_messages.1.message.role': 'user',
          'llm.input_messages.1.message.content': 'Book me a flight to Lisbon and a hotel',
          'llm.output_messages.0.message.role': 'assistant',
          'llm.output_messages.0.message.tool_calls.0.tool_call.function.name': 'search_flights',
          'llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments': args,
          'llm.token_count.prompt': 220,
          'llm.token_count.completion': 31,
        },
      },
      {
        traceId,
        spanId: id(2),
        parentSpanId: id(0),
        name: 'search_flights',
        startMs: baseMs + 950,
        durationMs: 800,
        attributes: {
          'openinference.span.kind': 'TOOL',
          'tool.name': 'search_flights',
          'input.value': args,
          'output.value': JSON.stringify({ flights: [{ id: 'TP553', price: 129 }] }),
        },
      },
      {
        traceId,
        spanId: id(3),
        parentSpanId: id(0),
        name: 'book_hotel',
        startMs: baseMs + 1800,
        durationMs: 1300,
        error: 'HotelAPI 503: upstream unavailable',
        attributes: {
          'openinference.span.kind': 'TOOL',
          'tool.name': 'book_hotel',
          'input.value': JSON.stringify({ city: 'Lisbon', nights: 2 }),
        },
      },
    ],
  };
}

export const SESSION_ID = 'sess-42';
export const SESSION_QUESTIONS = [
  'Hi, what plans do you have?',
  'How much is Pro?',
  'Can I pay yearly?',
];

export function sessionTraces(baseMs: number): { traceIds: string[]; spans: SpanInput[] } {
  const spans: SpanInput[] = [];
  const traceIds: string[] = [];
  SESSION_QUESTIONS.forEach((question, i) => {
    const traceId = hexId('c3', 0x10 + i, 32);
    traceIds.push(traceId);
    const root = hexId('c3', 0x300 + i * 2, 16);
    const answer = [
      'We have Free and Pro.',
      'Pro is $49 per month.',
      'Yes, yearly billing saves 20%.',
    ][i]!;
    spans.push(
      {
        traceId,
        spanId: root,
        name: 'chat-turn',
        startMs: baseMs + i * 60_000,
        durationMs: 700,
        attributes: {
          'openinference.span.kind': 'CHAIN',
          'session.id': SESSION_ID,
          'user.id': 'u-carol',
          'input.value': question,
          'output.value': answer,
        },
      },
      {
        traceId,
        spanId: hexId('c3', 0x301 + i * 2, 16),
        parentSpanId: root,
        name: 'ChatCompletion',
        startMs: baseMs + i * 60_000 + 50,
        durationMs: 600,
        attributes: {
          'openinference.span.kind': 'LLM',
          'llm.model_name': 'claude-3-5-haiku',
          'session.id': SESSION_ID,
          'llm.input_messages.0.message.role': 'user',
          'llm.input_messages.0.message.content': question,
          'llm.output_messages.0.message.role': 'assistant',
          'llm.output_messages.0.message.content': answer,
          'llm.token_count.prompt': 40 + i,
          'llm.token_count.completion': 12,
        },
      },
    );
  });
  return { traceIds, spans };
}

/** A batch job trace: a root, 99 steps of 100 children each (10,000 spans). */
export function largeTrace(baseMs: number): {
  traceId: string;
  spans: SpanInput[];
  lastSpanName: string;
} {
  const traceId = hexId('d4', 4, 32);
  const root = hexId('d4', 0xd0000, 16);
  const spans: SpanInput[] = [
    {
      traceId,
      spanId: root,
      name: 'nightly-eval-batch',
      startMs: baseMs,
      durationMs: 100_000,
      attributes: { 'openinference.span.kind': 'CHAIN' },
    },
  ];
  let n = 1;
  for (let step = 0; step < 99; step++) {
    const stepId = hexId('d4', 0xd0000 + n++, 16);
    spans.push({
      traceId,
      spanId: stepId,
      parentSpanId: root,
      name: `step-${step}`,
      startMs: baseMs + step * 1000,
      durationMs: 990,
      attributes: { 'openinference.span.kind': 'CHAIN' },
    });
    for (let child = 0; child < 100; child++) {
      spans.push({
        traceId,
        spanId: hexId('d4', 0xd0000 + n++, 16),
        parentSpanId: stepId,
        name: `case-${step}-${child}`,
        startMs: baseMs + step * 1000 + child * 10,
        durationMs: 9,
        attributes: { 'openinference.span.kind': 'LLM', 'llm.model_name': 'gpt-4o-mini' },
      });
    }
  }
  return { traceId, spans, lastSpanName: 'case-98-99' };
}
