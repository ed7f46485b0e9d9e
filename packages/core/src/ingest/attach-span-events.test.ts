import { describe, expect, it } from 'vitest';
import type { OtlpEvent, OtlpSpan } from '../model/otlp-span.js';
import { normalizeSpan } from '../normalize/normalize-span.js';
import { attachSpanEvents } from './attach-span-events.js';

const raw: OtlpSpan = {
  resource: { 'service.name': 'bot' },
  scope: { name: '@opentelemetry/instrumentation-openai' },
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  name: 'chat gpt-4o',
  otelKind: 3,
  startTimeUnixNano: '1700000000000000000',
  endTimeUnixNano: '1700000001000000000',
  attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o' },
  events: [],
  links: [],
  status: { code: 0 },
};

const user: OtlpEvent = {
  name: 'gen_ai.user.message',
  timeUnixNano: '1700000000100000000',
  attributes: { 'event.body': { content: 'What is 2+2?' } },
};
const choice: OtlpEvent = {
  name: 'gen_ai.choice',
  timeUnixNano: '1700000000900000000',
  attributes: {
    'event.body': { index: 0, finish_reason: 'stop', message: { content: 'Four.' } },
  },
};

describe('attachSpanEvents', () => {
  it('normalizes the span again with the events, as if they had come with it', () => {
    const span = normalizeSpan(raw, { projectId: 'p1' });
    const attached = attachSpanEvents(span, [user, choice]);
    expect(attached).toEqual(
      normalizeSpan({ ...raw, events: [user, choice] }, { projectId: 'p1' }),
    );
    expect(attached?.inputMessages.map((m) => m.content)).toEqual(['What is 2+2?']);
    expect(attached?.outputMessages.map((m) => m.content)).toEqual(['Four.']);
  });

  it('adds only new events, and answers undefined when none is new', () => {
    const once = attachSpanEvents(normalizeSpan(raw, { projectId: 'p1' }), [user])!;
    expect(attachSpanEvents(once, [user])).toBeUndefined();
    expect(attachSpanEvents(once, [user, choice])?.events).toEqual([user, choice]);
  });
});
