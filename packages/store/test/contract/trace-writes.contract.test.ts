import {
  assembleTraces,
  planTraceWrite,
  spanKey,
  type PendingEvents,
  type SpanEventAttacher,
  type SpanEvents,
  type TraceWritePlan,
} from '@glassbox/core/ingest';
import type { OtlpEvent, Span, TraceSummary } from '@glassbox/core/model';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/store-error.js';
import { SpanWriter } from '../../src/traces/span-writer.js';
import { describeEachBackend } from '../support/backends.js';
import { classifier, llm, tool } from '../support/classified-spans.js';
import { makeRichSpan, makeSpan, testId } from '../support/span-factory.js';

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

/** The plan of a write of new spans into traces with nothing stored, as core makes it. */
const planOf = (spans: Span[], pending: PendingEvents[] = []): TraceWritePlan =>
  planTraceWrite(
    { spans: new Map(spans.map((s) => [spanKey(s), s])), consumed: [], pending },
    assembleTraces(spans, []),
  );

/** An agent span calling the same tool three times with the same arguments: a tool loop. */
function toolLoopTrace(fields: (i: number) => Partial<Span> = () => ({})) {
  const traceId = testId(32);
  const root = makeSpan({ traceId, kind: 'agent', name: 'agent', startMs: T0 });
  const calls = [1, 2, 3].map((i) =>
    tool('search_flights', '{"to":"LIS","from":"BER"}', {
      traceId,
      parentSpanId: root.spanId,
      startMs: T0 + i * 10,
      ...fields(i),
    }),
  );
  return { traceId, root, calls };
}

describeEachBackend('TraceWrites', (opened) => {
  const store = () => opened.storage.traces;
  const list = async (query: { projectId?: string }): Promise<TraceSummary[]> =>
    (await store().listTraces({ projectId: 'default', limit: 100, ...query })).items;
  const listIds = async (query: { category?: string; layer?: string; projectId?: string }) =>
    (await store().listTraces({ projectId: 'default', limit: 100, ...query })).items
      .map((t) => t.traceId)
      .sort();
  const stored = async (span: Span): Promise<Span | undefined> =>
    (await store().getTrace(span.projectId, span.traceId))?.spans.find(
      (s) => s.spanId === span.spanId,
    );
  const logs = (events: SpanEvents[], nowMs = T0) =>
    store().writeSpans([], { events, attachEvents, nowMs });

  describe('spans', () => {
    it('returns a rich span exactly as written', async () => {
      const root = makeSpan({
        name: 'agent run',
        kind: 'agent',
        startMs: T0 - 10,
        durationMs: 5000,
      });
      const rich = makeRichSpan({ traceId: root.traceId, parentSpanId: root.spanId });
      await store().writeSpans([rich, root]);
      const detail = await store().getTrace('default', root.traceId);
      expect(detail?.spans).toStrictEqual([root, rich]);
      expect(detail?.trace.input).toBeUndefined();
      expect(detail?.trace.status).toBe('error');
    });

    it.each([
      ['re-read whole', Infinity],
      ['extended from its stored summary', 1],
    ])('assembles a trace written over several writes, children first (%s)', async (_, large) => {
      const traceId = testId(32);
      const root = makeSpan({
        traceId,
        spanId: 'a000000000000001',
        name: 'handle',
        startMs: T0,
        durationMs: 900,
        input: 'question',
        output: 'answer',
        tags: ['web'],
      });
      const llm = makeSpan({
        traceId,
        spanId: 'a000000000000002',
        parentSpanId: root.spanId,
        kind: 'llm',
        startMs: T0 + 300,
        durationMs: 500,
        requestModel: 'gpt-4o',
        responseModel: 'gpt-4o-2024-08-06',
        usage: { input: 100, output: 20, total: 120, cached: 10 },
        costUsd: 0.5,
        status: 'error',
        sessionId: 's1',
        userId: 'u1',
        versions: { prompt: 'p@2' },
      });
      const retrieve = makeSpan({
        traceId,
        spanId: 'a000000000000003',
        parentSpanId: root.spanId,
        kind: 'retriever',
        startMs: T0 + 100,
        durationMs: 100,
        usage: { input: 7, output: 3 },
        costUsd: 0.25,
        tags: ['rag'],
        versions: { index: 'i@9' },
      });
      await store().writeSpans([llm], { largeTraceSpans: large });
      expect((await store().getTrace('default', traceId))?.trace.rootSpanId).toBe(llm.spanId);
      await store().writeSpans([retrieve], { largeTraceSpans: large });
      await store().writeSpans([root], { largeTraceSpans: large });
      const detail = await store().getTrace('default', traceId);
      expect(detail?.spans.map((s) => s.spanId)).toEqual([
        root.spanId,
        retrieve.spanId,
        llm.spanId,
      ]);
      expect(detail?.trace).toEqual({
        projectId: 'default',
        traceId,
        rootSpanId: root.spanId,
        rootName: 'handle',
        startMs: T0,
        endMs: T0 + 900,
        durationMs: 900,
        status: 'error',
        sessionId: 's1',
        userId: 'u1',
        tags: ['rag', 'web'],
        models: ['gpt-4o', 'gpt-4o-2024-08-06'],
        input: 'question',
        output: 'answer',
        usage: { input: 107, output: 23, cached: 10, total: 130 },
        costUsd: 0.75,
        spanCount: 3,
        errorCount: 1,
        versions: { prompt: 'p@2', index: 'i@9' },
        categories: [],
      } satisfies TraceSummary);
      expect(await list({})).toEqual([detail?.trace]);
    });

    it('does not double-count a span sent again', async () => {
      const traceId = testId(32);
      const a = makeSpan({ traceId, usage: { input: 10, output: 5 }, costUsd: 1 });
      const b = makeSpan({
        traceId,
        parentSpanId: a.spanId,
        usage: { input: 1, output: 1 },
        costUsd: 2,
      });
      await store().writeSpans([a, b]);
      await store().writeSpans([b]);
      await store().writeSpans([a, a, b]);
      const { trace, spans } = (await store().getTrace('default', traceId)) ?? {};
      expect(spans).toHaveLength(2);
      expect(trace?.spanCount).toBe(2);
      expect(trace?.usage).toEqual({ input: 11, output: 6, cached: 0, total: 17 });
      expect(trace?.costUsd).toBe(3);
    });

    it('writes a large batch beyond one statement', async () => {
      const spans = Array.from({ length: 1600 }, (_, i) =>
        makeSpan({ traceId: `t${i % 400}`, startMs: T0 + i }),
      );
      await store().writeSpans(spans);
      await store().writeSpans([]);
      const page = await store().listTraces({ projectId: 'default', limit: 1000 });
      expect(page.items).toHaveLength(400);
      expect(page.items.every((t) => t.spanCount === 4)).toBe(true);
    });
  });

  describe('findings', () => {
    it('stores the findings of a classified write and lists categories with each trace', async () => {
      const cut = llm({ finishReason: 'length', startMs: T0 });
      const clean = llm({ finishReason: 'stop', startMs: T0 + 1 });
      await store().writeSpans([cut, clean], { classifier: classifier() });
      const findings = await store().getFindings('default', cut.traceId);
      expect(findings.map((f) => f.category)).toEqual(['incomplete_response']);
      expect(findings[0]).toMatchObject({ layer: 'output', spanIds: [cut.spanId] });
      expect(findings[0]?.evidence).toMatchObject({ finishReason: 'length' });
      expect(await store().getFindings('default', clean.traceId)).toEqual([]);
      const items = (await store().listTraces({ projectId: 'default', limit: 10 })).items;
      expect(items.map((t) => [t.traceId, t.categories])).toEqual([
        [clean.traceId, []],
        [cut.traceId, ['incomplete_response']],
      ]);
      expect((await store().getTrace('default', cut.traceId))?.trace.categories).toEqual([
        'incomplete_response',
      ]);
      expect(await listIds({ category: 'incomplete_response' })).toEqual([cut.traceId]);
      expect(await listIds({ layer: 'output' })).toEqual([cut.traceId]);
      expect(await listIds({ category: 'timeout' })).toEqual([]);
      expect(await listIds({ layer: 'retrieval' })).toEqual([]);
    });

    it('recomputes trace-level findings as a trace arrives over several writes', async () => {
      const { traceId, root, calls } = toolLoopTrace();
      await store().writeSpans([root, calls[0]!, calls[1]!], { classifier: classifier() });
      expect(await store().getFindings('default', traceId)).toEqual([]);
      await store().writeSpans([calls[2]!], { classifier: classifier() });
      const findings = await store().getFindings('default', traceId);
      expect(findings.map((f) => f.category)).toEqual(['tool_loop']);
      expect(findings[0]?.spanIds).toEqual(calls.map((c) => c.spanId));
      // Sent again: replaced, not added to.
      await store().writeSpans([calls[2]!], { classifier: classifier() });
      expect((await store().getFindings('default', traceId)).length).toBe(1);
      expect(await listIds({ category: 'tool_loop' })).toEqual([traceId]);
      expect(await listIds({ layer: 'tools' })).toEqual([traceId]);
    });

    it('leaves a large trace unclassified while it grows, then classifies it whole', async () => {
      const { traceId, root, calls } = toolLoopTrace((i) => ({ input: `zanzibar quokka ${i}` }));
      const options = { classifier: classifier(), largeTraceSpans: 2 };
      await store().writeSpans([root, calls[0]!], options);
      await store().writeSpans([calls[1]!], options);
      await store().writeSpans([calls[2]!], options);
      expect(await store().getFindings('default', traceId)).toEqual([]);
      const grown = await store().listTraces({ projectId: 'default', limit: 10, text: 'quokka 3' });
      expect(grown.items.map((t) => [t.traceId, t.spanCount])).toEqual([[traceId, 4]]);
      const changes = opened.storage.detection;
      // Read before a write that added a span: the findings of the spans read, the summary
      // ingest extended, and queued again to be classified whole.
      const later = makeSpan({ traceId, parentSpanId: root.spanId, startMs: T0 + 50 });
      await store().writeSpans([later], options);
      await changes.claimChangedTraces({ limit: 100, quietBeforeMs: Infinity });
      const stale = async () => ({ spans: [root, ...calls] });
      await new SpanWriter(store().writes).classifyTraces([root], classifier(), stale);
      const early = await store().getFindings('default', traceId);
      expect(early.map((f) => f.category)).toEqual(['tool_loop']);
      expect((await store().getTrace('default', traceId))?.trace.spanCount).toBe(5);
      expect(await changes.claimChangedTraces({ limit: 100, quietBeforeMs: Infinity })).toEqual([
        { projectId: 'default', traceId },
      ]);
      await store().classifyTraces([{ projectId: 'default', traceId }], classifier());
      const findings = await store().getFindings('default', traceId);
      expect(findings.map((f) => f.category)).toEqual(['tool_loop']);
      expect(await listIds({ category: 'tool_loop' })).toEqual([traceId]);
      // Classifying is not a change detection reads again.
      expect(await changes.claimChangedTraces({ limit: 100, quietBeforeMs: Infinity })).toEqual([]);
      // A span sent again to a large trace re-reads it whole: counted once.
      await store().writeSpans([calls[2]!], options);
      expect((await store().getTrace('default', traceId))?.trace.spanCount).toBe(5);
      await store().classifyTraces([{ projectId: 'default', traceId: 'absent' }], classifier());
    });

    it('refuses a largeTraceSpans below one span', async () => {
      await expect(store().writeSpans([makeSpan()], { largeTraceSpans: 0 })).rejects.toThrow(
        /largeTraceSpans must be a number of spans of at least 1 \(got 0\)/,
      );
    });

    it('applies the thresholds it is given', async () => {
      const traceId = testId(32);
      const calls = [1, 2].map((i) =>
        tool('search_flights', '{"to":"LIS"}', { traceId, startMs: T0 + i }),
      );
      await store().writeSpans(calls, { classifier: classifier() });
      expect(await store().getFindings('default', traceId)).toEqual([]);
      await store().writeSpans(calls, { classifier: classifier({ loopRepeatCount: 2 }) });
      expect((await store().getFindings('default', traceId)).map((f) => f.category)).toEqual([
        'tool_loop',
      ]);
    });

    it('finds a side effect repeated in another trace of the same session', async () => {
      const first = tool('book_flight', '{"flight":"LH1"}', { sessionId: 's1', startMs: T0 });
      const other = tool('book_flight', '{"flight":"LH1"}', { sessionId: 's2', startMs: T0 + 1 });
      await store().writeSpans([first, other], { classifier: classifier() });
      const again = tool('book_flight', '{"flight":"LH1"}', { sessionId: 's1', startMs: T0 + 5 });
      await store().writeSpans([again], { classifier: classifier() });
      const findings = await store().getFindings('default', again.traceId);
      expect(findings.map((f) => f.category)).toEqual(['duplicate_side_effect']);
      expect(findings[0]?.spanIds).toEqual([first.spanId, again.spanId]);
      expect(await store().getFindings('default', other.traceId)).toEqual([]);
    });

    it('sees session traces written in the same batch', async () => {
      const a = tool('send_email', '{"to":"x@y.z"}', { sessionId: 's9', startMs: T0 });
      const b = tool('send_email', '{"to":"x@y.z"}', { sessionId: 's9', startMs: T0 + 9 });
      await store().writeSpans([a, b], { classifier: classifier() });
      expect(await listIds({ category: 'duplicate_side_effect' })).toEqual(
        [a.traceId, b.traceId].sort(),
      );
    });

    it('keeps findings when a write comes without a classifier', async () => {
      const cut = llm({ finishReason: 'length' });
      await store().writeSpans([cut], { classifier: classifier() });
      await store().writeSpans([{ ...cut, durationMs: 500 }]);
      expect((await store().getFindings('default', cut.traceId)).length).toBe(1);
      expect(await listIds({ category: 'incomplete_response' })).toEqual([cut.traceId]);
    });
  });

  describe('span events', () => {
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

  describe('unit of work', () => {
    it('commits the writes of a unit that resolves and none of one that throws', async () => {
      const kept = makeSpan({ startMs: T0 });
      const lost = makeSpan({ startMs: T0 });
      await store().writes.transaction([kept], (unit) => unit.write(planOf([kept])));
      const failed = store().writes.transaction([lost], async (unit) => {
        await unit.write(planOf([lost]));
        throw new Error('fails after writing');
      });
      await expect(failed).rejects.toThrow('fails after writing');
      expect(await stored(kept)).toStrictEqual(kept);
      expect(await store().getTrace('default', lost.traceId)).toBeUndefined();
      expect((await list({})).map((t) => t.traceId)).toEqual([kept.traceId]);
    });

    it('reads back spans by key, whole or summarized traces, pending events and session spans', async () => {
      const root = makeRichSpan({ startMs: T0, sessionId: 's1' });
      const call = makeSpan({
        traceId: root.traceId,
        parentSpanId: root.spanId,
        kind: 'tool',
        startMs: T0 + 5,
        sessionId: 's1',
      });
      const later = makeSpan({ kind: 'tool', startMs: T0 + 50, sessionId: 's1' });
      const other = makeSpan({ kind: 'tool', startMs: T0 + 90, sessionId: 's2' });
      const waiting: PendingEvents = {
        ...eventsFor(makeSpan(), [event('gen_ai.choice', 'later')]),
        receivedAtMs: T0,
      };
      await store().writes.transaction([root, later, other], (unit) =>
        unit.write(planOf([root, call, later, other], [waiting])),
      );
      await store().writes.transaction([root], async (unit) => {
        expect(await unit.readSpans([call, waiting])).toStrictEqual([call]);
        expect(await unit.readPendingEvents([waiting, call])).toStrictEqual([waiting]);
        const full = await unit.readTraceSpans([root], 'full');
        expect(full.sort((a, b) => a.startMs - b.startMs)).toStrictEqual([root, call]);
        const summary = await unit.readTraceSpans([root], 'summary');
        expect(summary.map((s) => s.spanId).sort()).toEqual([root.spanId, call.spanId].sort());
        const query = { projectId: 'default', sessionId: 's1', kinds: ['tool' as const] };
        expect(
          await unit.readSessionSpans([
            { ...query, excludeTraceIds: [], limit: 10 },
            { ...query, excludeTraceIds: [later.traceId], limit: 10 },
            { ...query, excludeTraceIds: [], limit: 1 },
            { ...query, sessionId: 's2', excludeTraceIds: [], limit: 10 },
            { ...query, sessionId: 'no-such-session', excludeTraceIds: [], limit: 10 },
          ]),
        ).toStrictEqual([[later, call], [call], [later], [other], []]);
      });
    });

    it('reads the newest tool calls of a session past its newer traces without any', async () => {
      const toolCall = makeSpan({ kind: 'tool', startMs: T0, sessionId: 's3' });
      const chats = [1, 2, 3].map((i) =>
        makeSpan({ kind: 'llm', startMs: T0 + i * 10, sessionId: 's3' }),
      );
      await store().writes.transaction([toolCall, ...chats], (unit) =>
        unit.write(planOf([toolCall, ...chats])),
      );
      await store().writes.transaction([toolCall], async (unit) => {
        const query = { projectId: 'default', sessionId: 's3', excludeTraceIds: [] };
        expect(
          await unit.readSessionSpans([
            { ...query, kinds: ['tool'], limit: 2 },
            { ...query, kinds: ['llm'], limit: 2 },
          ]),
        ).toStrictEqual([[toolCall], [chats[2], chats[1]]]);
      });
    });

    it('runs units of the same trace one after the other', async () => {
      const traceId = testId(32);
      const step = (name: string) =>
        store().writes.transaction([{ projectId: 'default', traceId }], async (unit) => {
          const before = await unit.readTraceSpans([{ projectId: 'default', traceId }], 'full');
          await new Promise((resolve) => setTimeout(resolve, 20));
          const span = makeSpan({ traceId, name: `${name} after ${before.length}` });
          await unit.write(
            planTraceWrite(
              { spans: new Map([[spanKey(span), span]]), consumed: [], pending: [] },
              assembleTraces([span], before),
            ),
          );
        });
      await Promise.all([step('a'), step('b')]);
      const trace = await store().getTrace('default', traceId);
      // Whichever ran second saw the first one's span.
      const seen = trace?.spans.map((s) => s.name.split(' after ')[1]);
      expect(seen?.sort()).toEqual(['0', '1']);
      expect(trace?.trace.spanCount).toBe(2);
    });

    it('sweeps expired pending events, oldest first and at most the limit', async () => {
      const entries = [T0, T0 + 1, T0 + 2, T0 + 10].map((receivedAtMs): PendingEvents => ({
        ...eventsFor(makeSpan(), [event('gen_ai.choice', 'x')]),
        receivedAtMs,
      }));
      await store().writes.transaction(entries, (unit) => unit.write(planOf([], entries)));
      expect(await store().writes.sweepPendingEvents(T0 + 5, 2)).toBe(2);
      expect(await store().writes.sweepPendingEvents(T0 + 5, 2)).toBe(1);
      expect(await store().writes.sweepPendingEvents(T0 + 5, 2)).toBe(0);
      await store().writes.transaction(entries, async (unit) => {
        expect(await unit.readPendingEvents(entries)).toStrictEqual([entries[3]]);
      });
    });
  });
});
