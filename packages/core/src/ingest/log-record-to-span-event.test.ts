import { describe, expect, it } from 'vitest';
import type { OtlpLogRecord } from '../model/otlp-span.js';
import { logRecordToSpanEvent } from './log-record-to-span-event.js';

const record = (fields: Partial<OtlpLogRecord>): OtlpLogRecord => ({
  resource: {},
  scope: { name: 'test' },
  timeUnixNano: '1700000000000000000',
  eventName: 'gen_ai.user.message',
  body: { content: 'hi' },
  attributes: {},
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  ...fields,
});

describe('logRecordToSpanEvent', () => {
  it('turns a GenAI event record into the event of its span, body kept as event.body', () => {
    expect(logRecordToSpanEvent(record({}))).toEqual({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      event: {
        name: 'gen_ai.user.message',
        timeUnixNano: '1700000000000000000',
        attributes: { 'event.body': { content: 'hi' } },
      },
    });
  });

  it('accepts ids in either case, as a span’s, and lowercases them so the event finds its span', () => {
    const result = logRecordToSpanEvent(
      record({ traceId: '0AF7651916CD43DD8448EB211C80319C', spanId: 'B7AD6B7169203331' }),
    );
    expect(result).toMatchObject({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
    });
  });

  it('names what is wrong with any other record', () => {
    expect(logRecordToSpanEvent(record({ eventName: 'app.log' }))).toMatch(
      /not a gen_ai\.\* event/,
    );
    expect(logRecordToSpanEvent(record({ traceId: '0'.repeat(32) }))).toMatch(
      /gen_ai\.user\.message has no valid traceId \(got "0{32}"\)/,
    );
    expect(logRecordToSpanEvent(record({ spanId: 'xyz' }))).toMatch(
      /no valid spanId \(got "xyz"\)/,
    );
    expect(logRecordToSpanEvent(record({ spanId: undefined }))).toMatch(
      /no valid spanId \(got ""\)/,
    );
  });
});
