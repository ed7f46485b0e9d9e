import { describe, expect, it } from 'vitest';
import { ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import {
  protobufLogsBody,
  protobufTraceBody,
  recordSpans,
} from '../../../test/support/otlp-bodies.js';
import { JSON_TYPE, PROTOBUF, testApp } from '../../../test/support/test-app.js';

function llmSpan() {
  const [span] = recordSpans([
    {
      name: 'chat gpt-4o',
      attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o' },
    },
  ]);
  const { traceId, spanId } = span!.spanContext();
  return { span: span!, traceId, spanId };
}

const messageLogs = (traceId: string, spanId: string) => [
  {
    eventName: 'gen_ai.user.message',
    traceId,
    spanId,
    body: { content: 'What is 2+2?' },
    timeMs: 1_700_000_000_000,
  },
  {
    eventName: 'gen_ai.choice',
    traceId,
    spanId,
    body: { index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'Four.' } },
    timeMs: 1_700_000_000_500,
    asAttribute: true,
  },
];

describe('GenAI log records become span events (POST /v1/logs)', () => {
  it('attaches events to a span stored earlier and re-normalizes its messages', async () => {
    const { app, storage } = await testApp();
    const { span, traceId, spanId } = llmSpan();
    await app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: PROTOBUF,
      payload: protobufTraceBody([span]),
    });
    const res = await app.inject({
      method: 'POST',
      url: '/v1/logs',
      headers: PROTOBUF,
      payload: protobufLogsBody(messageLogs(traceId, spanId)),
    });
    expect(res.statusCode).toBe(200);
    expect(ProtobufLogsSerializer.deserializeResponse(res.rawPayload)).toEqual({});
    const stored = (await storage.traces.getTrace('default', traceId))!.spans[0]!;
    expect(stored.events.map((e) => e.name)).toEqual(['gen_ai.user.message', 'gen_ai.choice']);
    expect(stored.events[0]!.attributes['event.body']).toEqual({ content: 'What is 2+2?' });
    expect(stored.inputMessages).toEqual([
      expect.objectContaining({ role: 'user', content: 'What is 2+2?' }),
    ]);
    expect(stored.outputMessages).toEqual([expect.objectContaining({ content: 'Four.' })]);
    expect(stored.requestModel).toBe('gpt-4o');
  });

  it('holds events that arrive before their span and applies them when it comes', async () => {
    const { app, storage } = await testApp();
    const { span, traceId, spanId } = llmSpan();
    const logs = await app.inject({
      method: 'POST',
      url: '/v1/logs',
      headers: PROTOBUF,
      payload: protobufLogsBody(messageLogs(traceId, spanId)),
    });
    expect(logs.statusCode).toBe(200);
    expect(await storage.traces.getTrace('default', traceId)).toBeUndefined();
    await app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: PROTOBUF,
      payload: protobufTraceBody([span]),
    });
    const stored = (await storage.traces.getTrace('default', traceId))!.spans[0]!;
    expect(stored.inputMessages.map((m) => m.content)).toEqual(['What is 2+2?']);
    expect(stored.outputMessages.map((m) => m.content)).toEqual(['Four.']);
  });

  it('does not duplicate events when a log export is retried', async () => {
    const { app, storage } = await testApp();
    const { span, traceId, spanId } = llmSpan();
    await app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: PROTOBUF,
      payload: protobufTraceBody([span]),
    });
    const payload = protobufLogsBody(messageLogs(traceId, spanId));
    await app.inject({ method: 'POST', url: '/v1/logs', headers: PROTOBUF, payload });
    await app.inject({ method: 'POST', url: '/v1/logs', headers: PROTOBUF, payload });
    const stored = (await storage.traces.getTrace('default', traceId))!.spans[0]!;
    expect(stored.events).toHaveLength(2);
    expect(stored.inputMessages).toHaveLength(1);
  });

  it('accepts OTLP/JSON logs and reports records it does not store as rejected', async () => {
    const { app, storage } = await testApp();
    const { span, traceId, spanId } = llmSpan();
    await app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: PROTOBUF,
      payload: protobufTraceBody([span]),
    });
    const res = await app.inject({
      method: 'POST',
      url: '/v1/logs',
      headers: JSON_TYPE,
      payload: {
        resource_logs: [
          {
            scopeLogs: [
              {
                logRecords: [
                  {
                    timeUnixNano: '1700000000000000000',
                    severityNumber: 'SEVERITY_NUMBER_INFO',
                    eventName: 'gen_ai.system.message',
                    traceId: traceId.toUpperCase(),
                    spanId,
                    body: {
                      kvlistValue: {
                        values: [{ key: 'content', value: { stringValue: 'Be brief.' } }],
                      },
                    },
                  },
                  { timeUnixNano: 1, body: { stringValue: 'plain application log' } },
                ],
              },
            ],
          },
        ],
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().partialSuccess).toEqual({
      rejectedLogRecords: '1',
      errorMessage: expect.stringMatching(/logRecord\[1\].*not a gen_ai\.\* event/),
    });
    const stored = (await storage.traces.getTrace('default', traceId))!.spans[0]!;
    expect(stored.inputMessages).toEqual([
      expect.objectContaining({ role: 'system', content: 'Be brief.' }),
    ]);
  });

  it('answers 400 for an undecodable logs body', async () => {
    const { app } = await testApp();
    const res = await app.inject({
      method: 'POST',
      url: '/v1/logs',
      headers: JSON_TYPE,
      payload: '[1,2',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ code: 3, message: expect.stringMatching(/not valid JSON/) });
  });
});
