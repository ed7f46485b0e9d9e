import type { Span, TraceSummary } from '@glassbox/core/model';
import { expect, it } from 'vitest';
import type { TraceQuery } from '../../src/ports/trace-queries.js';
import { StoreError } from '../../src/store-error.js';
import { MAX_SUMMARY_BUCKETS } from '../../src/traces/failure-summary.js';
import { describeEachBackend } from '../support/backends.js';
import { classifier, llm } from '../support/classified-spans.js';
import { makeSpan, testId } from '../support/span-factory.js';

const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;

describeEachBackend('TraceQueries', (opened) => {
  const store = () => opened.storage.traces;

  it('reads a trace outline in tree order and one span whole', async () => {
    const traceId = testId(32);
    const root = makeSpan({ traceId, name: 'root', startMs: T0, durationMs: 500, status: 'ok' });
    const child = llm({
      traceId,
      parentSpanId: root.spanId,
      startMs: T0 + 10,
      timeToFirstTokenMs: 40,
      input: 'a long prompt',
    });
    await store().writeSpans([child, root]);
    const outline = await store().getTraceOutline('default', traceId);
    const detail = await store().getTrace('default', traceId);
    expect(outline?.trace).toEqual(detail?.trace);
    expect(outline?.spans).toEqual([
      {
        spanId: root.spanId,
        name: 'root',
        kind: root.kind,
        startMs: T0,
        durationMs: 500,
        status: 'ok',
      },
      {
        spanId: child.spanId,
        parentSpanId: root.spanId,
        name: child.name,
        kind: 'llm',
        startMs: T0 + 10,
        durationMs: child.durationMs,
        status: 'ok',
        timeToFirstTokenMs: 40,
      },
    ]);
    expect(await store().getSpan('default', traceId, child.spanId)).toEqual(detail?.spans[1]);
    expect(await store().getSpan('default', traceId, 'ffffffffffffffff')).toBeUndefined();
    expect(await store().getSpan('other', traceId, child.spanId)).toBeUndefined();
    expect(await store().getTraceOutline('default', testId(32))).toBeUndefined();
  });
  const list = async (query: Partial<TraceQuery>): Promise<TraceSummary[]> =>
    (await store().listTraces({ projectId: 'default', limit: 100, ...query })).items;
  const ids = async (query: Partial<TraceQuery>): Promise<string[]> =>
    (await list(query)).map((t) => t.traceId).sort();
  const listIds = async (query: { category?: string; layer?: string; projectId?: string }) =>
    (await store().listTraces({ projectId: 'default', limit: 100, ...query })).items
      .map((t) => t.traceId)
      .sort();

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
    expect(await ids({ userId: 'u1', status: 'ok', model: 'gpt-4o', tags: ['vip'] })).toEqual([t1]);
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

  it('counts traces per category in epoch-aligned buckets, per project', async () => {
    const c = classifier();
    await store().writeSpans(
      [
        llm({ finishReason: 'length', startMs: T0 + 10 }),
        llm({ finishReason: 'length', startMs: T0 + 20 }),
        llm({ finishReason: 'length', startMs: T0 + 2 * HOUR }),
        llm({ output: '', finishReason: 'stop', startMs: T0 + 2 * HOUR + 5 }),
        llm({ finishReason: 'length', startMs: T0 + 5 * HOUR }),
        llm({ finishReason: 'length', startMs: T0 + 30, projectId: 'other' }),
      ],
      { classifier: c },
    );
    const from = T0 - (T0 % HOUR);
    const summary = await store().failureSummary({
      projectId: 'default',
      from,
      to: from + 4 * HOUR,
      bucketMs: HOUR,
    });
    const hour = T0 - from < HOUR ? 0 : 1;
    expect(summary.bucketMs).toBe(HOUR);
    expect(summary.buckets.map((b) => b.startMs)).toEqual([0, 1, 2, 3].map((i) => from + i * HOUR));
    expect(summary.buckets[hour]?.counts).toEqual({ incomplete_response: 2 });
    expect(summary.buckets[hour + 2]?.counts).toEqual({
      incomplete_response: 1,
      empty_output: 1,
    });
    expect(summary.totals).toEqual({ incomplete_response: 3, empty_output: 1 });
    const other = await store().failureSummary({
      projectId: 'other',
      from,
      to: from + 4 * HOUR,
      bucketMs: HOUR,
    });
    expect(other.totals).toEqual({ incomplete_response: 1 });
    expect(await listIds({ projectId: 'other', category: 'incomplete_response' })).toHaveLength(1);
  });

  it('refuses unknown categories and layers and impossible summaries, naming them', async () => {
    const q = { projectId: 'default', limit: 10 };
    await expect(store().listTraces({ ...q, category: 'slow' })).rejects.toMatchObject({
      code: 'invalid_query',
      message: expect.stringContaining('"slow"'),
    });
    await expect(store().listTraces({ ...q, layer: 'database' })).rejects.toMatchObject({
      code: 'invalid_query',
      message: expect.stringContaining('"database"'),
    });
    await expect(
      store().failureSummary({
        projectId: 'default',
        from: 0,
        to: (MAX_SUMMARY_BUCKETS + 1) * 1000,
        bucketMs: 1000,
      }),
    ).rejects.toMatchObject({ code: 'invalid_query', message: expect.stringMatching(/buckets/) });
    await expect(
      store().failureSummary({ projectId: 'default', from: 10, to: 10, bucketMs: 1 }),
    ).rejects.toMatchObject({ code: 'invalid_query' });
  });

  it('scopes free text to the question, the answer, or every span', async () => {
    const [a, b, c] = [testId(32), testId(32), testId(32)];
    await store().writeSpans([
      // The support bot: "refund" only in its system prompt and a retrieved document.
      makeSpan({
        traceId: a,
        name: 'chat',
        startMs: T0,
        input: 'Where is my parcel?',
        output: 'It ships tomorrow.',
      }),
      makeSpan({
        traceId: a,
        parentSpanId: 'p',
        kind: 'llm',
        startMs: T0 + 1,
        inputMessages: [
          { role: 'system', content: 'Explain the Refund policy when asked.' },
          { role: 'user', content: 'Where is my parcel?' },
        ],
      }),
      makeSpan({ traceId: b, name: 'chat', startMs: T0 + 10, input: 'I want a REFUND now' }),
      makeSpan({
        traceId: c,
        name: 'chat',
        startMs: T0 + 20,
        input: 'Can you help?',
        output: 'Your refund is on its way.',
      }),
    ]);
    expect(await ids({ text: 'refund' })).toEqual([a, b, c].sort());
    expect(await ids({ text: 'refund', textScope: 'all' })).toEqual([a, b, c].sort());
    expect(await ids({ text: 'refund', textScope: 'io' })).toEqual([b, c].sort());
    expect(await ids({ text: 'Refund', textScope: 'input' })).toEqual([b]);
    expect(await ids({ text: 'refund', textScope: 'output' })).toEqual([c]);
    expect(await ids({ text: 'policy', textScope: 'io' })).toEqual([]);
    expect(await ids({ text: 'sh', textScope: 'io' })).toEqual([a]);
    await expect(
      store().listTraces({ projectId: 'default', limit: 5, text: 'x', textScope: 'body' as never }),
    ).rejects.toMatchObject({ code: 'invalid_query', message: expect.stringContaining('"body"') });
  });

  it('filters by derived outcome: error beats findings, findings make a trace failed', async () => {
    const c = classifier();
    const ok = llm({ startMs: T0 });
    const failed = llm({ finishReason: 'length', startMs: T0 + 10, status: 'unset' });
    const errored = llm({ status: 'error', finishReason: 'length', startMs: T0 + 20 });
    const unset = makeSpan({ startMs: T0 + 30, status: 'unset' });
    await store().writeSpans([ok, failed, errored, unset], { classifier: c });
    expect(await ids({ outcome: 'ok' })).toEqual([ok.traceId, unset.traceId].sort());
    expect(await ids({ outcome: 'failed' })).toEqual([failed.traceId]);
    expect(await ids({ outcome: 'error' })).toEqual([errored.traceId]);
    await expect(
      store().listTraces({ projectId: 'default', limit: 5, outcome: 'unset' as never }),
    ).rejects.toMatchObject({ code: 'invalid_query', message: expect.stringContaining('"unset"') });
  });

  it('lists sessions with turns, failures, errors and cost, newest last seen first', async () => {
    const c = classifier();
    await store().writeSpans(
      [
        llm({ sessionId: 's-old', startMs: T0, costUsd: 0.5 }),
        llm({ sessionId: 's-old', startMs: T0 + 100, finishReason: 'length', costUsd: 0.25 }),
        llm({ sessionId: 's-new', startMs: T0 + 50, status: 'error', costUsd: 1 }),
        llm({ sessionId: 's-new', startMs: T0 + 500 }),
        llm({ sessionId: 's-tie', startMs: T0 + 500 }),
        llm({ startMs: T0 + 900 }),
        llm({ sessionId: 's-new', projectId: 'other', startMs: T0 + 999 }),
      ],
      { classifier: c },
    );
    const page = await store().listSessions({ projectId: 'default', limit: 10 });
    expect(page.nextCursor).toBeUndefined();
    expect(page.items.map((s) => s.sessionId)).toEqual(['s-tie', 's-new', 's-old']);
    const byId = Object.fromEntries(page.items.map((s) => [s.sessionId, s]));
    expect(byId['s-old']).toEqual({
      sessionId: 's-old',
      turns: 2,
      failedTurns: 1,
      errorTurns: 0,
      costUsd: 0.75,
      firstSeenMs: T0,
      lastSeenMs: T0 + 100,
    });
    expect(byId['s-new']).toMatchObject({ turns: 2, errorTurns: 1, firstSeenMs: T0 + 50 });
    const first = await store().listSessions({ projectId: 'default', limit: 2 });
    expect(first.items.map((s) => s.sessionId)).toEqual(['s-tie', 's-new']);
    const rest = await store().listSessions({
      projectId: 'default',
      limit: 2,
      cursor: first.nextCursor!,
    });
    expect(rest.items.map((s) => s.sessionId)).toEqual(['s-old']);
    expect(rest.nextCursor).toBeUndefined();
    expect((await store().listSessions({ projectId: 'none', limit: 5 })).items).toEqual([]);
    await expect(store().listSessions({ projectId: 'default', limit: 0 })).rejects.toMatchObject({
      code: 'invalid_query',
    });
    await expect(
      store().listSessions({ projectId: 'default', limit: 5, cursor: 'nope!' }),
    ).rejects.toMatchObject({ code: 'invalid_cursor' });
  });

  it('reports the time extent of a project’s traces', async () => {
    expect(await store().traceExtent('default')).toBeUndefined();
    await store().writeSpans([
      makeSpan({ startMs: T0 + 5 * HOUR }),
      makeSpan({ startMs: T0 }),
      makeSpan({ startMs: T0 + 9 * HOUR, projectId: 'other' }),
    ]);
    expect(await store().traceExtent('default')).toEqual({ firstMs: T0, lastMs: T0 + 5 * HOUR });
  });
});
