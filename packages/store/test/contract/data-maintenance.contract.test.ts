import { expect, it } from 'vitest';
import type { Span } from '@glassbox/core/model';
import { describeEachBackend } from '../support/backends.js';
import { makeSpan, testId } from '../support/span-factory.js';

const DAY = 86_400_000;

function trace(fields: Partial<Span>, spans = 2): Span[] {
  const traceId = testId(32);
  return Array.from({ length: spans }, (_, i) =>
    makeSpan({ traceId, input: `secret question ${i}`, output: 'secret answer', ...fields }),
  );
}

describeEachBackend('DataMaintenance', (opened) => {
  it('deletes a user, a session and a trace with everything they hold, and counts it', async () => {
    const { traces, maintenance } = opened.storage;
    const alice = [...trace({ userId: 'alice' }), ...trace({ userId: 'alice' })];
    const bob = trace({ userId: 'bob', sessionId: 's-bob' });
    const other = trace({ projectId: 'other', userId: 'alice' });
    await traces.writeSpans([...alice, ...bob, ...other]);

    expect(await maintenance.deleteTraces('default', { userId: 'alice' })).toEqual({
      traces: 2,
      spans: 4,
    });
    expect(
      (await traces.listTraces({ projectId: 'default', limit: 50, userId: 'alice' })).items,
    ).toEqual([]);
    expect(await traces.getTrace('default', alice[0]!.traceId)).toBeUndefined();
    const search = await traces.listTraces({ projectId: 'default', limit: 50, text: 'secret' });
    expect(search.items.map((t) => t.traceId)).toEqual([bob[0]!.traceId]);
    expect((await traces.listTraces({ projectId: 'other', limit: 50 })).items).toHaveLength(1);

    expect(await maintenance.deleteTraces('default', { sessionId: 's-bob' })).toEqual({
      traces: 1,
      spans: 2,
    });
    expect(await maintenance.deleteTraces('other', { traceId: other[0]!.traceId })).toEqual({
      traces: 1,
      spans: 2,
    });
    expect(await maintenance.deleteTraces('default', { userId: 'nobody' })).toEqual({
      traces: 0,
      spans: 0,
    });
  });

  it('deletes the online eval scores, review items and labels of the deleted traces', async () => {
    const { traces, maintenance, evals } = opened.storage;
    const [gone, kept] = [trace({ userId: 'carol' }), trace({ userId: 'dave' })];
    await traces.writeSpans([...gone, ...kept]);
    for (const traceId of [gone[0]!.traceId, kept[0]!.traceId]) {
      const ref = { projectId: 'default', traceId };
      await evals.online.putOnlineScores([
        { ...ref, name: 'faithful', score: 1, pass: true, reason: 'ok', ruleId: 'r', atMs: 1 },
      ]);
      await evals.reviews.enqueueReviews([{ ...ref, reason: 'flagged', createdAtMs: 1 }]);
      await evals.reviews.putReviewLabels([
        { ...ref, dimension: 'tone', rater: 'ann', verdict: 'fail', atMs: 2 },
      ]);
    }

    await maintenance.deleteTraces('default', { userId: 'carol' });
    expect(await evals.online.listOnlineScores('default', gone[0]!.traceId)).toEqual([]);
    expect(await evals.reviews.listReviewLabels('default', gone[0]!.traceId)).toEqual([]);
    const queue = await evals.reviews.listReviewItems('default');
    expect(queue.map((i) => i.traceId)).toEqual([kept[0]!.traceId]);
    expect(await evals.online.listOnlineScores('default', kept[0]!.traceId)).toHaveLength(1);
    expect(await evals.reviews.listReviewLabels('default', kept[0]!.traceId)).toHaveLength(1);
  });

  it('unlinks experiment outcomes from the deleted traces and keeps the outcomes', async () => {
    const { traces, maintenance, evals } = opened.storage;
    const [gone, kept] = [trace({ userId: 'erin' }), trace({ userId: 'frank' })];
    await traces.writeSpans([...gone, ...kept]);
    const outcome = (itemId: string, traceId: string) => ({
      itemId,
      repeat: 0,
      output: 'Refunds take 14 days',
      pass: true,
      score: 1,
      namedScores: {},
      reason: 'ok',
      traceId,
      assertions: [],
    });
    const header = {
      projectId: 'default',
      dataset: 'support',
      datasetVersion: 1,
      target: 'openai:chat:gpt-x',
      repeats: 1,
      passRate: 1,
      outcomeCount: 2,
    };
    const [goneId, keptId] = [gone[0]!.traceId, kept[0]!.traceId];
    for (const [id, createdAtMs] of [
      ['r1', 1],
      ['r2', 2],
    ] as const) {
      await evals.runs.saveExperimentRun({
        ...header,
        id,
        createdAtMs,
        outcomes: [outcome('a', id === 'r1' ? goneId : testId(32)), outcome('b', keptId)],
      });
    }

    await maintenance.deleteTraces('default', { userId: 'erin' });
    expect(await evals.runs.listTraceRunOutcomes('default', goneId)).toEqual([]);
    expect((await evals.runs.listTraceRunOutcomes('default', keptId)).map((f) => f.run.id)).toEqual(
      ['r2', 'r1'],
    );
    const r1 = await evals.runs.getExperimentRun('default', 'r1');
    expect(r1!.outcomes.map((o) => [o.itemId, o.traceId])).toEqual([
      ['a', undefined],
      ['b', keptId],
    ]);
    expect(JSON.stringify(r1)).not.toContain(goneId);
    expect(r1!.outcomes[0]).toMatchObject({ output: 'Refunds take 14 days', pass: true });
  });

  it('refuses a deletion naming no id, two ids or an empty one', async () => {
    const { maintenance } = opened.storage;
    for (const selector of [{}, { userId: 'a', traceId: 'b' }, { userId: ' ' }]) {
      await expect(maintenance.deleteTraces('default', selector as never)).rejects.toMatchObject({
        code: 'invalid_argument',
      });
    }
  });

  it('keeps retention per project and refuses bad days', async () => {
    const { maintenance } = opened.storage;
    expect(await maintenance.getRetention('default')).toEqual({
      traceDays: null,
      contentDays: null,
    });
    await maintenance.setRetention('default', { traceDays: 30, contentDays: 7 });
    expect(await maintenance.getRetention('default')).toEqual({ traceDays: 30, contentDays: 7 });
    expect(await maintenance.getRetention('other')).toEqual({ traceDays: null, contentDays: null });
    for (const bad of [0, 1.5, -3, 40_000]) {
      await expect(
        maintenance.setRetention('default', { traceDays: bad, contentDays: null }),
      ).rejects.toMatchObject({
        code: 'invalid_argument',
        message: expect.stringContaining('traceDays'),
      });
    }
  });

  it('sweeps expired traces and clears expired content, bounded per run', async () => {
    const { traces, maintenance } = opened.storage;
    const now = 1_700_000_000_000 + 100 * DAY;
    const old = [1, 2, 3].map((i) => trace({ startMs: now - 40 * DAY - i }));
    const middle = [1, 2, 3].map((i) => trace({ startMs: now - 10 * DAY - i, requestModel: 'm' }));
    const fresh = trace({ startMs: now - DAY });
    await traces.writeSpans([...old.flat(), ...middle.flat(), ...fresh]);
    await maintenance.setRetention('default', { traceDays: 30, contentDays: 7 });

    const first = await maintenance.sweepExpired(now, 2);
    expect(first).toMatchObject({
      tracesDeleted: 2,
      spansDeleted: 4,
      tracesCleared: 2,
      more: true,
    });
    const second = await maintenance.sweepExpired(now, 10);
    expect(second).toMatchObject({ tracesDeleted: 1, more: false });
    const listed = (await traces.listTraces({ projectId: 'default', limit: 50 })).items;
    expect(listed).toHaveLength(4);

    const cleared = await traces.getTrace('default', middle[0]![0]!.traceId);
    expect(cleared?.trace.spanCount).toBe(2);
    expect(cleared?.spans[0]?.input).toBeUndefined();
    expect(cleared?.spans[0]?.requestModel).toBe('m');
    expect(JSON.stringify(cleared)).not.toContain('secret');
    const kept = await traces.getTrace('default', fresh[0]!.traceId);
    expect(kept?.spans[0]?.input).toContain('secret');
    const search = await traces.listTraces({ projectId: 'default', limit: 50, text: 'secret' });
    expect(search.items.map((t) => t.traceId)).toEqual([fresh[0]!.traceId]);
    expect(await maintenance.sweepExpired(now, 10)).toMatchObject({
      tracesDeleted: 0,
      tracesCleared: 0,
      more: false,
    });
  });

  it('reports usage, database size, a probe and the detection backlog', async () => {
    const { traces, maintenance } = opened.storage;
    await traces.writeSpans(trace({}, 3));
    const usage = await maintenance.usage('default');
    expect(usage).toMatchObject({ projectId: 'default', traces: 1, spans: 3 });
    expect(usage.contentBytes).toBeGreaterThan(0);
    expect((await maintenance.usage('other')).traces).toBe(0);
    const bytes = await maintenance.databaseBytes();
    if (opened.storage.backend !== 'memory') expect(bytes).toBeGreaterThan(0);
    expect(await maintenance.probe(Date.now())).toEqual({ reachable: true, writable: true });
    const backlog = await maintenance.detectionBacklog();
    expect(backlog.count).toBe(1);
    expect(backlog.oldestMs).toEqual(expect.any(Number));
  });
});
