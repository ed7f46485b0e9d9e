import { describe, expect, it } from 'vitest';
import { makeSpan } from '../../test/corpus/span-factory.js';
import type { OtlpEvent } from '../model/otlp-span.js';
import type { Span } from '../model/span.js';
import type { SpanEventAttacher } from './attach-span-events.js';
import { groupSpanEvents, planSpanEvents } from './plan-span-events.js';
import { spanKey, type PendingEvents, type SpanEvents } from './span-events.js';

const NOW = 1_000_000;
const event = (name: string): OtlpEvent => ({ name, timeUnixNano: '1', attributes: {} });
/** Appends the new events; undefined when none is new. */
const attach: SpanEventAttacher = (span, events) => {
  const fresh = events.filter((e) => !span.events.some((s) => s.name === e.name));
  return fresh.length === 0 ? undefined : { ...span, events: [...span.events, ...fresh] };
};
const keyed = <T extends { projectId: string; traceId: string; spanId: string }>(items: T[]) =>
  new Map(items.map((item) => [spanKey(item), item]));
const eventsFor = (span: Span, ...names: string[]): SpanEvents => ({
  projectId: span.projectId,
  traceId: span.traceId,
  spanId: span.spanId,
  events: names.map(event),
});
const pending = (span: Span, receivedAtMs: number, ...names: string[]): PendingEvents => ({
  ...eventsFor(span, ...names),
  receivedAtMs,
});

function plan(input: {
  written?: Span[];
  events?: SpanEvents[];
  stored?: Span[];
  waiting?: PendingEvents[];
  attach?: SpanEventAttacher;
}) {
  return planSpanEvents({
    written: keyed(input.written ?? []),
    incoming: groupSpanEvents(input.events ?? []),
    stored: keyed(input.stored ?? []),
    waiting: keyed(input.waiting ?? []),
    attach: 'attach' in input ? input.attach : attach,
    nowMs: NOW,
    cutoffMs: NOW - 100,
  });
}

describe('planSpanEvents', () => {
  const span = makeSpan({ spanId: 'a' });

  it('puts events on a span written now, after the pending ones, and consumes those', () => {
    const result = plan({
      written: [span],
      events: [eventsFor(span, 'choice')],
      waiting: [pending(span, NOW - 10, 'user')],
    });
    expect(result.spans.get(spanKey(span))?.events.map((e) => e.name)).toEqual(['user', 'choice']);
    expect(result.consumed).toEqual([{ projectId: 'p1', traceId: 't1', spanId: 'a' }]);
    expect(result.pending).toEqual([]);
  });

  it('puts events on a stored span, which the write then stores again', () => {
    const result = plan({ events: [eventsFor(span, 'choice')], stored: [span] });
    expect([...result.spans.values()].map((s) => s.events.map((e) => e.name))).toEqual([
      ['choice'],
    ]);
  });

  it('keeps events for an unknown span pending, once each, from the first arrival', () => {
    const result = plan({
      events: [eventsFor(span, 'user', 'choice'), eventsFor(span, 'user')],
      waiting: [pending(span, NOW - 10, 'user')],
    });
    expect(result.spans.size).toBe(0);
    expect(result.pending).toEqual([pending(span, NOW - 10, 'user', 'choice')]);
    expect(
      plan({ events: [eventsFor(span, 'user')], waiting: [pending(span, NOW - 10, 'user')] }),
    ).toMatchObject({ pending: [] });
  });

  it('treats expired pending events as gone: dropped from a written span, restarted when renewed', () => {
    const expired = pending(span, NOW - 500, 'old');
    const written = plan({ written: [span], waiting: [expired] });
    expect(written.spans.get(spanKey(span))?.events).toEqual([]);
    expect(written.consumed).toHaveLength(1);
    const renewed = plan({ events: [eventsFor(span, 'new')], waiting: [expired] });
    expect(renewed.pending).toEqual([pending(span, NOW, 'new')]);
  });

  it('leaves pending events waiting for a written span without an attacher', () => {
    const result = plan({
      written: [span],
      waiting: [pending(span, NOW, 'user')],
      attach: undefined,
    });
    expect(result.consumed).toEqual([]);
    expect(result.spans.get(spanKey(span))).toBe(span);
  });
});
