import type { OtlpEvent, Span } from '@glassbox/core/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from '../store-error.js';
import type { SpanEventAttacher, SpanEvents } from '../trace-store.js';
import { BACKENDS, type OpenBackend } from './backends.js';
import { makeSpan, testId } from './span-factory.js';

const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;

function event(name: string, content: string, ms = T0): OtlpEvent {
  return {
    name,
    timeUnixNano: `${BigInt(ms) * 1_000_000n}`,
    attributes: { 'event.body': { content } },
  };
}

/**
 * Stands in for re-normalization: appends the new events and takes the last one's content
 * as the span output, so a test sees both the events and a field derived from them.
 */
const attachEvents: SpanEventAttacher = (span, events) => {
  const seen = new Set(span.events.map((e) => JSON.stringify(e)));
  const fresh = events.filter((e) => !seen.has(JSON.stringify(e)));
  if (fresh.length === 0) return undefined;
  const all = [...span.events, ...fresh];
  const body = all[all.length - 1]!.attributes['event.body'] as { content: string };
  return { ...span, events: all, output: body.content };
};

const eventsFor = (span: Span, events: OtlpEvent[]): SpanEvents => ({
  projectId: span.projectId,
  traceId: span.traceId,
  spanId: span.spanId,
  events,
});

for (const backend of BACKENDS) {
  describe(`TraceStore span events contract (${backend.name})`, () => {
    let opened: OpenBackend;
    beforeEach(async () => {
      opened = await backend.open();
    });
    afterEach(async () => {
      await opened.dispose();
    });
    const store = () => opened.storage.traces;
    const stored = async (span: Span): Promise<Span | undefined> =>
      (await store().getTrace(span.projectId, span.traceId))?.spans.find(
        (s) => s.spanId === span.spanId,
      );
    const logs = (events: SpanEvents[], nowMs = T0) =>
      store().writeSpans([], { events, attachEvents, nowMs });

    it('attaches events to a span stored earlier and updates its trace', async () => {
      const span = makeSpan({ startMs: T0 });
      await store().writeSpans([span]);
      await logs([
        eventsFor(span, [event('gen_ai.user.message', 'hi'), event('gen_ai.choice', 'hello')]),
      ]);
      const after = await stored(span);
      expect(after?.events.map((e) => e.name)).toEqual(['gen_ai.user.message', 'gen_ai.choice']);
      expect(after?.output).toBe('hello');
      expect((await store().getTrace('default', span.traceId))?.trace.output).toBe('hello');
    });

    it('keeps events that come before their span and attaches them when it is written', async () => {
      const span = makeSpan({ startMs: T0 });
      await logs([eventsFor(span, [event('gen_ai.user.message', 'first')])]);
      await logs([eventsFor(span, [event('gen_ai.choice', 'second', T0 + 1)])], T0 + 5);
      expect(await store().getTrace('default', span.traceId)).toBeUndefined();
      expect((await store().listTraces({ projectId: 'default', limit: 10 })).items).toEqual([]);
      await store().writeSpans([span], { attachEvents, nowMs: T0 + 10 });
      const after = await stored(span);
      expect(after?.events.map((e) => e.name)).toEqual(['gen_ai.user.message', 'gen_ai.choice']);
      expect(after?.output).toBe('second');
      // Consumed: writing the span again as it came leaves it without the events.
      await store().writeSpans([span], { attachEvents, nowMs: T0 + 20 });
      expect((await stored(span))?.events).toEqual([]);
    });

    it('attaches events that arrive in the same write as their span', async () => {
      const span = makeSpan({ startMs: T0 });
      await store().writeSpans([span], {
        events: [eventsFor(span, [event('gen_ai.choice', 'same')])],
        attachEvents,
        nowMs: T0,
      });
      expect((await stored(span))?.output).toBe('same');
    });

    it('does not duplicate pending events sent twice', async () => {
      const span = makeSpan({ startMs: T0 });
      const batch = [
        eventsFor(span, [event('gen_ai.user.message', 'a'), event('gen_ai.choice', 'b')]),
      ];
      await logs(batch);
      await logs(batch, T0 + 1);
      await store().writeSpans([span], { attachEvents, nowMs: T0 + 2 });
      expect((await stored(span))?.events).toHaveLength(2);
    });

    it('keeps pending events apart per project and per span', async () => {
      const span = makeSpan({ startMs: T0 });
      const sibling = makeSpan({ traceId: span.traceId, startMs: T0 });
      await logs([
        { ...eventsFor(span, [event('gen_ai.choice', 'other project')]), projectId: 'p2' },
        eventsFor(sibling, [event('gen_ai.choice', 'sibling')]),
      ]);
      await store().writeSpans([span], { attachEvents, nowMs: T0 + 1 });
      expect((await stored(span))?.events).toEqual([]);
      await store().writeSpans([sibling], { attachEvents, nowMs: T0 + 2 });
      expect((await stored(sibling))?.output).toBe('sibling');
    });

    it('drops pending events older than the retention', async () => {
      const late = makeSpan({ startMs: T0 });
      const onTime = makeSpan({ startMs: T0 });
      await logs([
        eventsFor(late, [event('gen_ai.choice', 'late')]),
        eventsFor(onTime, [event('gen_ai.choice', 'on time')]),
      ]);
      await store().writeSpans([onTime], { attachEvents, nowMs: T0 + HOUR - 1 });
      await store().writeSpans([late], { attachEvents, nowMs: T0 + HOUR + 1 });
      expect((await stored(onTime))?.output).toBe('on time');
      expect((await stored(late))?.events).toEqual([]);
      const short = makeSpan({ startMs: T0 });
      await store().writeSpans([], {
        events: [eventsFor(short, [event('gen_ai.choice', 'x')])],
        attachEvents,
        nowMs: T0,
        pendingRetentionMs: 1000,
      });
      await store().writeSpans([short], {
        attachEvents,
        nowMs: T0 + 1001,
        pendingRetentionMs: 1000,
      });
      expect((await stored(short))?.events).toEqual([]);
    });

    it('leaves pending events waiting for a write without attachEvents', async () => {
      const span = makeSpan({ startMs: T0 });
      const now = Date.now();
      await logs([eventsFor(span, [event('gen_ai.choice', 'kept')])], now);
      await store().writeSpans([span]);
      expect((await stored(span))?.events).toEqual([]);
      await store().writeSpans([span], { attachEvents });
      expect((await stored(span))?.output).toBe('kept');
    });

    it('refuses events without attachEvents and a bad retention', async () => {
      const span = makeSpan({ traceId: testId(32) });
      const events = [eventsFor(span, [event('gen_ai.choice', 'x')])];
      await expect(store().writeSpans([], { events })).rejects.toThrow(
        expect.objectContaining({
          code: 'invalid_argument',
          message: expect.stringMatching(/attachEvents/),
        }),
      );
      await expect(
        store().writeSpans([span], { attachEvents, pendingRetentionMs: 0 }),
      ).rejects.toBeInstanceOf(StoreError);
      await expect(
        store().writeSpans([span], { attachEvents, pendingRetentionMs: Number.NaN }),
      ).rejects.toThrow(/pendingRetentionMs/);
      expect(await stored(span)).toBeUndefined();
    });
  });
}
