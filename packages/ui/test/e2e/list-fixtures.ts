import { hexId, type SpanInput } from './otlp-fixtures.js';

/*
 * Support-bot traces for the list pages: long session ids and model names (cut by the table),
 * "refund" hidden in system prompts and retrieved documents, failures found by the
 * classifier, span errors, and data spread over three weeks.
 */

export const LONG_SESSION = 'session-7f3c9e2a-1b4d-4e8f-9a6b-2c5d8e1f0a3b-support-chat-eu-west-1';
export const LONG_MODEL = 'gpt-4o-mini-2024-07-18-ft-support-bot-v3-eu';
export const SYSTEM_PROMPT =
  'You are the support bot. Follow the refund policy: refunds within 14 days of purchase.';

export interface ListTrace {
  traceId: string;
  spans: SpanInput[];
}

interface TurnOptions {
  n: number;
  startMs: number;
  sessionId: string;
  question: string;
  answer: string;
  finishReason?: string;
  error?: string;
  document?: string;
}

/** One support-bot turn: a chain root, a retriever when given a document, and the model call. */
export function supportTurn(o: TurnOptions): ListTrace {
  const traceId = hexId('c7', o.n, 32);
  const root = hexId('c7', o.n * 16, 16);
  const llm = hexId('c7', o.n * 16 + 1, 16);
  const retriever = hexId('c7', o.n * 16 + 2, 16);
  const spans: SpanInput[] = [
    {
      traceId,
      spanId: root,
      name: 'support-turn',
      startMs: o.startMs,
      durationMs: 1200,
      attributes: {
        'openinference.span.kind': 'CHAIN',
        'input.value': o.question,
        'output.value': o.answer,
        'session.id': o.sessionId,
        'user.id': 'customer-0042@example.com',
      },
      ...(o.error ? { error: o.error } : {}),
    },
    {
      traceId,
      spanId: llm,
      parentSpanId: root,
      name: 'ChatCompletion',
      startMs: o.startMs + 300,
      durationMs: 800,
      attributes: {
        'openinference.span.kind': 'LLM',
        'llm.model_name': LONG_MODEL,
        'llm.input_messages.0.message.role': 'system',
        'llm.input_messages.0.message.content': SYSTEM_PROMPT,
        'llm.input_messages.1.message.role': 'user',
        'llm.input_messages.1.message.content': o.question,
        'llm.output_messages.0.message.role': 'assistant',
        'llm.output_messages.0.message.content': o.answer,
        'llm.token_count.prompt': 420,
        'llm.token_count.completion': 60,
        ...(o.finishReason ? { 'llm.finish_reason': o.finishReason } : {}),
      },
    },
  ];
  if (o.document) {
    spans.push({
      traceId,
      spanId: retriever,
      parentSpanId: root,
      name: 'retrieve-policy-docs',
      startMs: o.startMs + 20,
      durationMs: 200,
      attributes: {
        'openinference.span.kind': 'RETRIEVER',
        'input.value': o.question,
        'retrieval.documents.0.document.id': 'kb-policy',
        'retrieval.documents.0.document.content': o.document,
      },
    });
  }
  return { traceId, spans };
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The traces of the list tests, relative to `now`. */
export function listTraces(now: number) {
  const shipping = supportTurn({
    n: 1,
    startMs: now - 30 * MINUTE,
    sessionId: LONG_SESSION,
    question: 'Where is my parcel?',
    answer: 'Your parcel ships tomorrow morning.',
    document: 'Refund policy: refunds are issued within 14 days.',
  });
  const refundAsked = supportTurn({
    n: 2,
    startMs: now - 25 * MINUTE,
    sessionId: LONG_SESSION,
    question: 'Can I get a refund for order 1182?',
    answer: 'Yes, I have started it for you.',
  });
  const truncated = supportTurn({
    n: 3,
    startMs: now - 20 * MINUTE,
    sessionId: 'sess-short',
    question: 'Summarize my last invoice',
    answer: 'Your last invoice lists three items and a Refund credit of',
    finishReason: 'length',
  });
  const errored = supportTurn({
    n: 4,
    startMs: now - 15 * MINUTE,
    sessionId: 'sess-short',
    question: 'Change my address',
    answer: '',
    error: 'CRM 503: upstream unavailable',
  });
  const oldFailure = supportTurn({
    n: 5,
    startMs: now - 20 * DAY,
    sessionId: 'sess-old',
    question: 'What are your opening hours?',
    answer: 'We are open from',
    finishReason: 'length',
  });
  return { shipping, refundAsked, truncated, errored, oldFailure };
}
