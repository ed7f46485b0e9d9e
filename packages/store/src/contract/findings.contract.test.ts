import {
  findFailures,
  resolveThresholds,
  type ClassifierThresholds,
} from '@glassbox/core/classify';
import { type Span } from '@glassbox/core/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_SUMMARY_BUCKETS } from '../failure-summary.js';
import type { TraceClassifier } from '../trace-classifier.js';
import { BACKENDS, type OpenBackend } from './backends.js';
import { makeSpan, testId } from './span-factory.js';

const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;

function classifier(overrides: Partial<ClassifierThresholds> = {}): TraceClassifier {
  const thresholds = resolveThresholds(overrides);
  return {
    session: { kinds: ['tool'], limit: 200 },
    classify: ({ spans, sessionSpans }) => findFailures(spans, thresholds, sessionSpans),
  };
}

const llm = (fields: Partial<Span>): Span =>
  makeSpan({
    kind: 'llm',
    requestModel: 'gpt-4o',
    output: 'Here is the answer.',
    status: 'ok',
    ...fields,
  });

const tool = (name: string, args: string, fields: Partial<Span> = {}): Span =>
  makeSpan({
    kind: 'tool',
    name,
    status: 'ok',
    tool: { name, arguments: args, result: '{"ok":true}' },
    ...fields,
  });

for (const backend of BACKENDS) {
  describe(`findings contract (${backend.name})`, () => {
    let opened: OpenBackend;
    beforeEach(async () => {
      opened = await backend.open();
    });
    afterEach(async () => {
      await opened.dispose();
    });
    const store = () => opened.storage.traces;
    const listIds = async (query: { category?: string; layer?: string; projectId?: string }) =>
      (await store().listTraces({ projectId: 'default', limit: 100, ...query })).items
        .map((t) => t.traceId)
        .sort();

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
      const traceId = testId(32);
      const root = makeSpan({ traceId, kind: 'agent', name: 'agent', startMs: T0 });
      const calls = [1, 2, 3].map((i) =>
        tool('search_flights', '{"to":"LIS","from":"BER"}', {
          traceId,
          parentSpanId: root.spanId,
          startMs: T0 + i * 10,
        }),
      );
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
      expect(summary.buckets.map((b) => b.startMs)).toEqual(
        [0, 1, 2, 3].map((i) => from + i * HOUR),
      );
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
      expect(await listIds({ projectId: 'other', category: 'incomplete_response' })).toHaveLength(
        1,
      );
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
  });
}
