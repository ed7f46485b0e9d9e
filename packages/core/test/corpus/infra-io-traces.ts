import { GLASSBOX_ATTRIBUTES } from '../../src/model/glassbox-attributes.js';
import type { Span } from '../../src/model/span.js';
import type { LabelledTrace } from './labelled-trace.js';
import { llmSpan, makeSpan, retrieverSpan, rootSpan, T0, doc } from './span-factory.js';

const Q = 'Summarize my itinerary for the Lisbon trip.';
const A = 'You fly NW123 from Porto to Lisbon on 12 July at 08:05 and return on 19 July.';

function one(
  name: string,
  llm: Partial<Span>,
  expected: LabelledTrace['expected'],
  layer?: LabelledTrace['layer'],
  extra: Span[] = [],
): LabelledTrace {
  return { name, spans: [rootSpan(Q, A), llmSpan('llm', Q, A, llm), ...extra], expected, layer };
}
const failed = (message: string, attributes: Span['attributes'] = {}): Partial<Span> => ({
  status: 'error',
  statusMessage: message,
  outputMessages: [],
  finishReason: undefined,
  usage: {},
  attributes,
});
const json = {
  'llm.invocation_parameters': '{"response_format":{"type":"json_object"},"temperature":0}',
};
const bigSystem =
  'You are the Northwind Travel assistant. Follow the policies below strictly. '.repeat(60);
const bigContext =
  'Flight NW123 departs Porto at 08:05 and arrives in Lisbon at 09:00, gate B12, seat 14C. '.repeat(
    120,
  );

/** Infrastructure, input, output and budget traces, clean and failing. */
export const INFRA_IO_TRACES: LabelledTrace[] = [
  one('clean chat', {}, []),
  one(
    'clean apology that is not a refusal',
    {
      outputMessages: [
        {
          role: 'assistant',
          content:
            "Sorry for the wait! I can't wait for your trip: you fly NW123 on 12 July at 08:05.",
        },
      ],
    },
    [],
  ),
  one(
    'clean valid json',
    {
      attributes: json,
      outputMessages: [
        { role: 'assistant', content: '```json\n{"flight":"NW123","date":"2025-07-12"}\n```' },
      ],
    },
    [],
  ),
  one(
    'clean long output',
    {
      outputMessages: [{ role: 'assistant', content: `${A} `.repeat(1300) }],
      usage: { input: 400, output: 25_000, total: 25_400 },
    },
    [],
  ),
  one(
    'clean ollama small prompt',
    {
      requestModel: 'llama3.1:8b',
      responseModel: 'llama3.1:8b',
      provider: 'ollama',
      usage: { input: 52, output: 40 },
    },
    [],
  ),
  one(
    'llm timeout',
    failed('Request timed out.', { [GLASSBOX_ATTRIBUTES.callStatus]: 'timeout' }),
    ['timeout'],
    'infrastructure',
  ),
  one(
    'gateway timeout 504',
    failed('upstream request failed', { 'http.response.status_code': 504 }),
    ['timeout'],
    'infrastructure',
  ),
  one(
    'rate limit 429',
    failed('Too Many Requests', { 'http.response.status_code': 429 }),
    ['rate_limit'],
    'infrastructure',
  ),
  one(
    'rate limit message',
    failed(
      'RateLimitError: Rate limit reached for gpt-4o in organization org-1 on tokens per min (TPM).',
    ),
    ['rate_limit'],
    'infrastructure',
  ),
  one(
    'service unavailable 503',
    failed('503 Service Unavailable'),
    ['service_unavailable'],
    'infrastructure',
  ),
  one(
    'anthropic overloaded',
    failed('overloaded_error: Overloaded', { 'http.response.status_code': 529 }),
    ['service_unavailable'],
    'infrastructure',
  ),
  one(
    'ollama connection refused',
    failed('connect ECONNREFUSED 127.0.0.1:11434'),
    ['network_error'],
    'infrastructure',
  ),
  {
    name: 'retriever fetch failed',
    spans: [
      rootSpan(Q, 'Sorry, something went wrong.'),
      retrieverSpan('ret', Q, [], { status: 'error', statusMessage: 'TypeError: fetch failed' }),
    ],
    expected: ['network_error'],
    layer: 'infrastructure',
  },
  one('slow call', { durationMs: 45_000 }, ['latency_over_budget'], 'cost_latency'),
  {
    name: 'expensive trace',
    spans: [
      rootSpan(Q, A),
      ...Array.from({ length: 8 }, (_, i) =>
        llmSpan(`l${i}`, Q, A, { startMs: T0 + i * 2000, costUsd: 0.4 }),
      ),
    ],
    expected: ['cost_over_budget'],
    layer: 'cost_latency',
  },
  one(
    'huge token call',
    { usage: { input: 85_000, output: 5_000, total: 90_000 } },
    ['token_over_budget'],
    'cost_latency',
  ),
  one(
    'context length exceeded',
    failed(
      "This model's maximum context length is 128000 tokens. However, your messages resulted in 131072 tokens.",
      { 'error.type': 'context_length_exceeded' },
    ),
    ['context_length_exceeded'],
    'input',
  ),
  one(
    'anthropic prompt too long',
    {
      ...failed('invalid_request_error: prompt is too long: 210345 tokens > 200000 maximum'),
      requestModel: 'claude-sonnet-4-20250514',
      responseModel: undefined,
    },
    ['context_length_exceeded'],
    'input',
  ),
  one(
    'ollama silent truncation',
    {
      requestModel: 'llama3.1:8b',
      responseModel: 'llama3.1:8b',
      provider: 'ollama',
      inputMessages: [
        { role: 'system', content: bigSystem },
        { role: 'user', content: `${bigContext}\n\n${Q}` },
      ],
      usage: { input: 2048, output: 60 },
    },
    ['silent_truncation_suspected'],
    'input',
  ),
  {
    name: 'system prompt dropped before a rag answer',
    spans: [
      rootSpan('When does NW123 depart?', 'NW123 departs at 10:45 from gate C3.'),
      retrieverSpan('ret', 'When does NW123 depart?', [
        doc('it-1', 'Flight NW123 departs Porto at 08:05 from gate B12.', 0.9),
      ]),
      llmSpan(
        'llm',
        `${'Flight NW123 departs Porto at 08:05 from gate B12. '.repeat(40)}\nWhen does NW123 depart?`,
        'NW123 departs at 10:45 from gate C3.',
        {
          startMs: T0 + 200,
          requestModel: 'llama3.1:8b',
          responseModel: 'llama3.1:8b',
          inputMessages: [
            {
              role: 'system',
              content:
                'You are the Northwind Travel assistant. Answer only from the flight data given. '.repeat(
                  14,
                ),
            },
            {
              role: 'user',
              content: `${'Flight NW123 departs Porto at 08:05 from gate B12. '.repeat(40)}\nWhen does NW123 depart?`,
            },
          ],
          usage: { input: 512, output: 20 },
        },
      ),
    ],
    expected: ['silent_truncation_suspected', 'ungrounded_answer'],
    layer: 'input',
  },
  one(
    'context nearly full',
    { requestModel: 'gpt-4', responseModel: 'gpt-4-0613', usage: { input: 7_600, output: 300 } },
    ['context_budget_exhausted'],
    'input',
  ),
  one(
    'malformed json',
    {
      attributes: json,
      outputMessages: [{ role: 'assistant', content: "Here is the JSON: {flight: 'NW123'}" }],
    },
    ['malformed_response'],
    'output',
  ),
  one(
    'sdk format error',
    {
      attributes: {
        [GLASSBOX_ATTRIBUTES.formatError]: 'Unexpected token } in JSON at position 41',
      },
    },
    ['malformed_response'],
    'output',
  ),
  one(
    'schema violation',
    {
      attributes: {
        'llm.invocation_parameters': JSON.stringify({
          response_format: {
            type: 'json_schema',
            json_schema: {
              name: 'itinerary',
              schema: {
                type: 'object',
                properties: { flight: { type: 'string' }, date: { type: 'string' } },
                required: ['flight', 'date'],
              },
            },
          },
        }),
      },
      outputMessages: [{ role: 'assistant', content: '{"flight":"NW123"}' }],
    },
    ['malformed_response'],
    'output',
  ),
  one(
    'cut at max tokens',
    { finishReason: 'length', parameters: { maxTokens: 80 }, usage: { input: 400, output: 80 } },
    ['incomplete_response'],
    'output',
  ),
  one(
    'json cut at max tokens',
    {
      attributes: json,
      finishReason: 'length',
      outputMessages: [
        { role: 'assistant', content: '{"flight":"NW123","segments":[{"from":"OPO",' },
      ],
    },
    ['incomplete_response'],
    'output',
  ),
  one(
    'refusal',
    {
      outputMessages: [
        { role: 'assistant', content: "I'm sorry, but I can't help with that request." },
      ],
    },
    ['refusal'],
    'output',
  ),
  one(
    'as an ai refusal',
    {
      outputMessages: [
        {
          role: 'assistant',
          content:
            'As an AI language model, I cannot provide medical advice about flying while pregnant.',
        },
      ],
    },
    ['refusal'],
    'output',
  ),
  one(
    'content filter',
    { finishReason: 'content_filter', outputMessages: [{ role: 'assistant', content: '' }] },
    ['content_filter'],
    'output',
  ),
  one(
    'empty output',
    { outputMessages: [{ role: 'assistant', content: '' }], usage: { input: 400, output: 0 } },
    ['empty_output'],
    'output',
  ),
  one(
    'wrong model served and malformed',
    {
      attributes: json,
      responseModel: 'gpt-3.5-turbo-0125',
      versions: { model: 'gpt-4o-2024-08-06' },
      outputMessages: [{ role: 'assistant', content: 'flight: NW123' }],
    },
    ['model_version_mismatch', 'malformed_response'],
    'generation',
  ),
  {
    name: 'clean embedding only',
    spans: [
      rootSpan(Q, A),
      makeSpan({
        spanId: 'emb',
        kind: 'embedding',
        name: 'embeddings',
        parentSpanId: 'root',
        usage: { input: 12 },
      }),
    ],
    expected: [],
  },
];
