import type { Span, TraceSummary } from '@glassbox/core/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from '../store-error.js';
import type { TraceQuery } from '../trace-store.js';
import { BACKENDS, type OpenBackend } from './backends.js';
import { makeRichSpan, makeSpan, testId } from './span-factory.js';

const T0 = 1_700_000_000_000;

for (const backend of BACKENDS) {
  describe(`TraceStore contract (${backend.name})`, () => {
    let opened: OpenBackend;
    beforeEach(async () => {
      opened = await backend.open();
    });
    afterEach(async () => {
      await opened.dispose();
    });
    const store = () => opened.storage.traces;
    const list = async (query: Partial<TraceQuery>): Promise<TraceSummary[]> =>
      (await store().listTraces({ projectId: 'default', limit: 100, ...query })).items;
    const ids = async (query: Partial<TraceQuery>): Promise<string[]> =>
      (await list(query)).map((t) => t.traceId).sort();

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

    it('assembles a trace written over several writes, children first', async () => {
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
      await store().writeSpans([llm]);
      expect((await store().getTrace('default', traceId))?.trace.rootSpanId).toBe(llm.spanId);
      await store().writeSpans([retrieve]);
      await store().writeSpans([root]);
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

    it('filters by every field of the query', async () => {
      const t = [testId(32), testId(32), testId(32), testId(32)];
      const [t1, t2, t3, t4] = t as [string, string, string, string];
      await store().writeSpans([
        makeSpan({
          traceId: t1,
          name: 'chat',
          startMs: T0,
          status: 'ok',
          sessionId: 's1',
          userId: 'u1',
          tags: ['prod', 'vip'],
          versions: { prompt: 'v1' },
          input: 'Refund my ORDER please',
        }),
        makeSpan({
          traceId: t1,
          parentSpanId: 'x',
          kind: 'llm',
          startMs: T0 + 1,
          requestModel: 'gpt-4o',
          responseModel: 'gpt-4o-2024',
          provider: 'openai',
        }),
        makeSpan({
          traceId: t2,
          name: 'chat',
          startMs: T0 + 1000,
          status: 'error',
          sessionId: 's2',
          userId: 'u1',
          tags: ['prod'],
          versions: { prompt: 'v2' },
          outputMessages: [{ role: 'assistant', content: 'Your order shipped' }],
        }),
        makeSpan({
          traceId: t2,
          kind: 'retriever',
          parentSpanId: 'y',
          startMs: T0 + 1001,
          requestModel: 'claude-3',
          provider: 'anthropic',
        }),
        makeSpan({
          traceId: t3,
          name: 'ingest',
          startMs: T0 + 2000,
          userId: 'u2',
          tags: ['dev'],
          versions: { prompt: 'v1', index: 'i1' },
          inputMessages: [{ role: 'user', content: 'hello 100%_' }],
        }),
        makeSpan({
          traceId: t4,
          projectId: 'other',
          name: 'chat',
          startMs: T0 + 3000,
          requestModel: 'gpt-4o',
          tags: ['prod'],
        }),
      ]);
      expect(await ids({})).toEqual([t1, t2, t3].sort());
      expect(await ids({ from: T0 + 1000 })).toEqual([t2, t3].sort());
      expect(await ids({ to: T0 + 1000 })).toEqual([t1, t2].sort());
      expect(await ids({ from: T0 + 500, to: T0 + 1500 })).toEqual([t2]);
      expect(await ids({ sessionId: 's1' })).toEqual([t1]);
      expect(await ids({ userId: 'u1' })).toEqual([t1, t2].sort());
      expect(await ids({ model: 'gpt-4o' })).toEqual([t1]);
      expect(await ids({ model: 'gpt-4o-2024' })).toEqual([t1]);
      expect(await ids({ model: 'gpt' })).toEqual([]);
      expect(await ids({ model: 'claude-3' })).toEqual([t2]);
      expect(await ids({ provider: 'anthropic' })).toEqual([t2]);
      expect(await ids({ kind: 'llm' })).toEqual([t1]);
      expect(await ids({ kind: 'chain' })).toEqual([t1, t2, t3].sort());
      expect(await ids({ kind: 'tool' })).toEqual([]);
      expect(await ids({ status: 'error' })).toEqual([t2]);
      expect(await ids({ status: 'ok' })).toEqual([t1]);
      expect(await ids({ status: 'unset' })).toEqual([t3]);
      expect(await ids({ name: 'chat' })).toEqual([t1, t2].sort());
      expect(await ids({ name: 'cha' })).toEqual([]);
      expect(await ids({ text: 'order' })).toEqual([t1, t2].sort());
      expect(await ids({ text: 'REFUND' })).toEqual([t1]);
      expect(await ids({ text: '100%_' })).toEqual([t3]);
      expect(await ids({ text: '%' })).toEqual([t3]);
      expect(await ids({ text: 'nowhere' })).toEqual([]);
      expect(await ids({ tags: ['prod'] })).toEqual([t1, t2].sort());
      expect(await ids({ tags: ['prod', 'vip'] })).toEqual([t1]);
      expect(await ids({ tags: ['pro'] })).toEqual([]);
      expect(await ids({ versions: { prompt: 'v1' } })).toEqual([t1, t3].sort());
      expect(await ids({ versions: { prompt: 'v1', index: 'i1' } })).toEqual([t3]);
      expect(await ids({ versions: { prompt: 'v' } })).toEqual([]);
      expect(await ids({ userId: 'u1', status: 'ok', model: 'gpt-4o', tags: ['vip'] })).toEqual([
        t1,
      ]);
      expect(await ids({ projectId: 'other' })).toEqual([t4]);
    });

    it('pages newest first without gaps or repeats, equal start times included', async () => {
      const spans: Span[] = [];
      for (let i = 0; i < 23; i++) spans.push(makeSpan({ startMs: T0 + (i < 12 ? 0 : i * 10) }));
      await store().writeSpans(spans);
      const seen: TraceSummary[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store().listTraces({
          projectId: 'default',
          limit: 5,
          ...(cursor ? { cursor } : {}),
        });
        seen.push(...page.items);
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(5);
      const all = await list({});
      expect(seen.map((t) => t.traceId)).toEqual(all.map((t) => t.traceId));
      expect(new Set(seen.map((t) => t.traceId)).size).toBe(23);
      const order = seen.map((t) => [t.startMs, t.traceId] as const);
      for (let i = 1; i < order.length; i++) {
        const [prevStart, prevId] = order[i - 1] as readonly [number, string];
        const [start, id] = order[i] as readonly [number, string];
        expect(start < prevStart || (start === prevStart && id < prevId)).toBe(true);
      }
      const exact = await store().listTraces({ projectId: 'default', limit: 23 });
      expect(exact.nextCursor).toBeUndefined();
    });

    it('rejects an invalid cursor and a bad limit with stable codes', async () => {
      const bad = [
        'not a cursor!',
        Buffer.from('{"a":1}').toString('base64url'),
        Buffer.from('[1]').toString('base64url'),
        'abc',
      ];
      for (const cursor of bad) {
        const error = await store()
          .listTraces({ projectId: 'default', limit: 5, cursor })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StoreError);
        expect(error).toMatchObject({ code: 'invalid_cursor' });
      }
      for (const limit of [0, -1, 1.5, 100_000]) {
        await expect(store().listTraces({ projectId: 'default', limit })).rejects.toMatchObject({
          code: 'invalid_query',
        });
      }
      await expect(
        store().listTraces({ projectId: 'default', limit: 5, kind: 'bogus' as never }),
      ).rejects.toMatchObject({ code: 'invalid_query' });
    });

    it('keeps projects apart', async () => {
      const traceId = testId(32);
      await store().writeSpans([
        makeSpan({ projectId: 'a', traceId, sessionId: 's', input: 'from a' }),
        makeSpan({ projectId: 'b', traceId, sessionId: 's', input: 'from b', usage: { input: 9 } }),
      ]);
      const a = await store().getTrace('a', traceId);
      expect(a?.spans.map((s) => s.projectId)).toEqual(['a']);
      expect(a?.trace.input).toBe('from a');
      expect(a?.trace.usage.input).toBe(0);
      expect((await list({ projectId: 'b' })).map((t) => t.input)).toEqual(['from b']);
      expect(await list({ projectId: 'b', text: 'from a' })).toEqual([]);
      expect((await store().getSession('a', 's'))?.traces.map((t) => t.trace.projectId)).toEqual([
        'a',
      ]);
      expect(await store().getTrace('c', traceId)).toBeUndefined();
      expect(await store().getSession('c', 's')).toBeUndefined();
    });

    it('returns a session’s traces in start order', async () => {
      const later = makeSpan({ sessionId: 'sess', startMs: T0 + 50 });
      const earlier = makeSpan({ sessionId: 'sess', startMs: T0 });
      const child = makeSpan({
        traceId: earlier.traceId,
        parentSpanId: earlier.spanId,
        startMs: T0 + 1,
      });
      await store().writeSpans([later, child, earlier, makeSpan({ sessionId: 'other' })]);
      const session = await store().getSession('default', 'sess');
      expect(session?.sessionId).toBe('sess');
      expect(session?.traces.map((t) => t.trace.traceId)).toEqual([earlier.traceId, later.traceId]);
      expect(session?.traces[0]?.spans).toStrictEqual([earlier, child]);
      expect(await store().getSession('default', 'missing')).toBeUndefined();
      expect(await store().getTrace('default', 'missing')).toBeUndefined();
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
}
