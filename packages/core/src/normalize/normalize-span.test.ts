import { describe, expect, it } from 'vitest';
import { aiSdkCases } from '../../test/normalize-fixtures/ai-sdk.fixtures.js';
import { aiSdkCapturedCases } from '../../test/normalize-fixtures/ai-sdk-captured.fixtures.js';
import { glassboxCases } from '../../test/normalize-fixtures/glassbox.fixtures.js';
import type { NormalizeCase } from '../../test/normalize-fixtures/normalize-case.js';
import { openAiCapturedCases } from '../../test/normalize-fixtures/openai-captured.fixtures.js';
import { openInferenceCases } from '../../test/normalize-fixtures/openinference.fixtures.js';
import { openLlmetryCases } from '../../test/normalize-fixtures/openllmetry.fixtures.js';
import { otelGenAiCases } from '../../test/normalize-fixtures/otel-genai.fixtures.js';
import { otlpSpan } from '../../test/normalize-fixtures/otlp-span.js';
import { normalizeSpan } from './normalize-span.js';

const CONVENTIONS: [string, NormalizeCase[]][] = [
  ['OTel GenAI', otelGenAiCases],
  ['OpenInference', openInferenceCases],
  ['OpenLLMetry', openLlmetryCases],
  ['openai client (captured)', openAiCapturedCases],
  ['Vercel AI SDK', aiSdkCases],
  ['Vercel AI SDK (captured)', aiSdkCapturedCases],
  ['Glassbox', glassboxCases],
];

describe.each(CONVENTIONS)('normalizeSpan: %s', (_convention, cases) => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, testCase) => {
    const span = normalizeSpan(testCase.span, { projectId: 'p1', ...testCase.context });
    const { costUsd, ...rest } = testCase.expected;
    expect(span).toMatchObject(rest);
    if (costUsd !== undefined) expect(span.costUsd).toBeCloseTo(costUsd as number, 10);
    for (const field of testCase.absent ?? []) expect(span[field]).toBeUndefined();
    expect(span.attributes).toBe(testCase.span.attributes);
    expect(span.events).toBe(testCase.span.events);
  });
});

describe('normalizeSpan: envelope', () => {
  it('copies ids, times, status, service and scope and computes milliseconds', () => {
    const span = normalizeSpan(
      otlpSpan(
        {},
        {
          traceId: '5B8EFFF798038103D269B633813FC60C',
          startTimeUnixNano: '1714521600000500000',
          endTimeUnixNano: '1714521600002000000',
          status: { code: 1 },
        },
      ),
      { projectId: 'p1' },
    );
    expect(span).toMatchObject({
      projectId: 'p1',
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: 'eee19b7ec3c1b174',
      parentSpanId: 'eee19b7ec3c1b173',
      startMs: 1714521600000.5,
      durationMs: 1.5,
      status: 'ok',
      serviceName: 'support-bot',
      scope: { name: 'test-scope', version: '1.0.0' },
      kind: 'other',
      usage: {},
      tags: [],
      metadata: {},
      versions: {},
    });
  });

  it('maps an unset status and leaves a root span without parent', () => {
    const span = normalizeSpan(otlpSpan({}, { parentSpanId: '', status: { code: 0 } }), {
      projectId: 'p',
    });
    expect(span.status).toBe('unset');
    expect(span.parentSpanId).toBeUndefined();
  });

  it('never throws on values of the wrong type and ignores them for the normalized fields', () => {
    const attributes = {
      'gen_ai.operation.name': 42,
      'gen_ai.request.model': { nested: true },
      'gen_ai.usage.input_tokens': 'many',
      'gen_ai.usage.output_tokens': -5,
      'gen_ai.request.temperature': 'hot',
      'gen_ai.input.messages': '{not json',
      'gen_ai.output.messages': [1, 'two', null],
      'llm.input_messages.0.message': 'flat',
      'llm.invocation_parameters': '[1,2]',
      'gen_ai.retrieval.documents': 'nope',
      'tag.tags': 7,
      metadata: 'plain text',
      'gen_ai.tool.definitions': [{ nameless: true }],
      'ai.prompt.messages': '[{"role":"user","content":[{"type":"image","image":"x"}]}]',
    };
    const span = normalizeSpan(otlpSpan(attributes), { projectId: 'p' });
    expect(span.requestModel).toBeUndefined();
    expect(span.usage).toEqual({});
    expect(span.parameters).toEqual({});
    expect(span.documents).toEqual([]);
    expect(span.toolDefinitions).toEqual([]);
    expect(span.tags).toEqual(['7']);
    expect(span.metadata).toEqual({});
    expect(span.inputMessages).toEqual([{ role: 'user', content: '' }]);
    expect(span.attributes).toBe(attributes);
  });

  it('tags a whole-run replay span with the trace it replays, beside its own tags', () => {
    const span = normalizeSpan(
      otlpSpan({
        'glassbox.replay.of_trace': 'ABCDEF0123456789ABCDEF0123456789',
        'glassbox.tags': ['canary'],
      }),
      { projectId: 'p' },
    );
    expect(span.tags).toEqual(['canary', 'replay-of:abcdef0123456789abcdef0123456789']);
  });

  it('infers an llm span from a request model and messages when no kind is declared', () => {
    const span = normalizeSpan(
      otlpSpan({
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.prompt.0.role': 'user',
        'gen_ai.prompt.0.content': 'x',
      }),
      { projectId: 'p' },
    );
    expect(span.kind).toBe('llm');
  });

  it('falls through an unknown operation name to the next convention', () => {
    const span = normalizeSpan(
      otlpSpan({ 'gen_ai.operation.name': 'telepathy', 'openinference.span.kind': 'EVALUATOR' }),
      { projectId: 'p' },
    );
    expect(span.kind).toBe('evaluator');
  });

  it('prefers a reported llm.cost.total over the price table and leaves unknown models without cost', () => {
    const unknown = normalizeSpan(
      otlpSpan({
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'my-finetune',
        'gen_ai.usage.input_tokens': 10,
      }),
      { projectId: 'p' },
    );
    expect(unknown.costUsd).toBeUndefined();
    const reported = normalizeSpan(
      otlpSpan({
        'llm.model_name': 'gpt-4o',
        'llm.token_count.prompt': 10,
        'llm.cost.total': '0.5',
      }),
      { projectId: 'p' },
    );
    expect(reported.costUsd).toBe(0.5);
  });

  it('falls back to the request model price when the response model is unknown', () => {
    const span = normalizeSpan(
      otlpSpan({
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.response.model': 'my-azure-deployment',
        'gen_ai.usage.input_tokens': 1_000_000,
      }),
      { projectId: 'p' },
    );
    expect(span.costUsd).toBe(2.5);
  });

  it('uses default AI SDK metadata keys session_id / user_id too', () => {
    const span = normalizeSpan(
      otlpSpan({ 'ai.telemetry.metadata.session_id': 's', 'ai.telemetry.metadata.user_id': 'u' }),
      { projectId: 'p' },
    );
    expect(span).toMatchObject({ sessionId: 's', userId: 'u', metadata: {} });
  });

  it('reads gen_ai.choice log records appended to a span that has no message attributes', () => {
    const span = normalizeSpan(
      otlpSpan(
        { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o' },
        {
          events: [
            {
              name: 'gen_ai.choice',
              timeUnixNano: '1',
              attributes: {
                'event.body': { index: 0, finish_reason: 'stop', message: { content: 'Hello' } },
              },
            },
          ],
        },
      ),
      { projectId: 'p' },
    );
    expect(span.outputMessages).toEqual([{ role: 'assistant', content: 'Hello' }]);
    expect(span.output).toBe('Hello');
    expect(span.finishReason).toBe('stop');
  });
});
