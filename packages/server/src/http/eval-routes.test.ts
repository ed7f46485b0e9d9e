import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { requestSpan } from '../../test/support/request-span.js';
import { testApp } from '../../test/support/test-app.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

async function call(app: FastifyInstance, method: string, url: string, payload?: unknown) {
  const res = await app.inject({
    method: method as 'GET',
    url,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  const json = res.headers['content-type']?.toString().startsWith('application/json')
    ? (res.json() as Json)
    : undefined;
  return { status: res.statusCode, json, text: res.body, type: res.headers['content-type'] };
}

const outcome = (itemId: string, repeat: number, pass: boolean, output = pass ? 'ok' : 'bad') => ({
  itemId,
  repeat,
  output,
  pass,
  score: pass ? 1 : 0,
});

describe('eval routes', () => {
  it('writes immutable versions, refuses a bad import whole, and exports both formats', async () => {
    const { app } = await testApp();
    const v1 = await call(app, 'POST', '/api/datasets/support/versions', {
      import: { format: 'csv', text: 'id,q,__expected\na,refund?,contains:14\nb,hi,\n' },
    });
    expect(v1.status).toBe(201);
    expect(v1.json).toMatchObject({ name: 'support', version: 1, itemCount: 2 });
    const bad = await call(app, 'POST', '/api/datasets/support/versions', {
      import: { format: 'jsonl', text: '{"vars":{"q":"x"}}\n{"vars":1}\n{oops\n' },
      append: true,
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(
      /2 bad rows, nothing imported: line 2: .*; line 3: not JSON/,
    );
    expect((await call(app, 'GET', '/api/datasets/support/versions')).json.items).toHaveLength(1);
    const v2 = await call(app, 'POST', '/api/datasets/support/versions', {
      items: [{ id: 'c', vars: { q: 'new' }, dimensions: ['tone'] }],
      append: true,
      note: 'add c',
    });
    expect(v2.json).toMatchObject({ version: 2, itemCount: 3, note: 'add c' });
    const items1 = await call(app, 'GET', '/api/datasets/support/versions/1/items');
    expect(items1.json.items.map((i: Json) => i.id)).toEqual(['a', 'b']);
    const csv = await call(app, 'GET', '/api/datasets/support/versions/2/export?format=csv');
    expect(csv.type).toContain('text/csv');
    expect(csv.text.split('\n')[0]).toBe(
      'id,q,expected,gold_document_ids,source_trace_id,categories,dimensions',
    );
    const jsonl = await call(app, 'GET', '/api/datasets/support/versions/2/export');
    expect(jsonl.text.trim().split('\n')).toHaveLength(3);
    expect(
      (await call(app, 'GET', '/api/datasets/support/versions/9/items')).json.error.message,
    ).toBe('dataset "support" has no version 9 (newest: 2)');
    expect((await call(app, 'GET', '/api/datasets/none/versions')).status).toBe(404);
    expect((await call(app, 'POST', '/api/datasets/bad name/versions', { items: [] })).status).toBe(
      400,
    );
    expect(
      (
        await call(app, 'POST', '/api/datasets/x/versions', {
          items: [{ vars: {} }],
          import: { format: 'csv', text: '' },
        })
      ).json.error.message,
    ).toMatch(/exactly one of/);
    expect((await call(app, 'GET', '/api/eval-coverage')).json.uncoveredDimensions).toEqual([
      'format',
      'calibration',
      'task-completion',
    ]);
  });

  it('adds failing production traces to a dataset with their input and categories', async () => {
    const { app, storage } = await testApp();
    await storage.traces.writeSpans([requestSpan(1, 1000, { error: true }), requestSpan(2, 2000)]);
    const ids = [1, 2].map((n) => n.toString(16).padStart(32, '0'));
    const created = await call(app, 'POST', '/api/datasets/prod/from-traces', { traceIds: ids });
    expect(created.status).toBe(201);
    const items = (await call(app, 'GET', '/api/datasets/prod/versions/1/items')).json.items;
    expect(items[0]).toMatchObject({ vars: { input: 'question 1' }, sourceTraceId: ids[0] });
    expect(items[1].metadata.productionOutput).toBe('A complete answer to question 2.');
    const missing = await call(app, 'POST', '/api/datasets/prod/from-traces', {
      traceIds: ['f'.repeat(32)],
    });
    expect(missing.status).toBe(404);
    expect((await call(app, 'GET', '/api/datasets/prod/versions')).json.items).toHaveLength(1);
  });

  it("lists a trace's scores: online evaluators' and the experiment outcomes its call started", async () => {
    const { app, storage } = await testApp();
    await storage.traces.writeSpans([requestSpan(1, 1000), requestSpan(2, 2000)]);
    const [traced, other] = [1, 2].map((n) => n.toString(16).padStart(32, '0'));
    await call(app, 'POST', '/api/datasets/d/versions', {
      items: [
        { id: 'a', vars: {} },
        { id: 'b', vars: {} },
      ],
    });
    const run = await call(app, 'POST', '/api/eval-runs', {
      dataset: 'd',
      datasetVersion: 1,
      target: 'my app',
      repeats: 1,
      outcomes: [
        { ...outcome('a', 0, false), traceId: traced, namedScores: { 'precision@1': 0 } },
        { ...outcome('b', 0, true), traceId: other },
      ],
    });
    expect(run.status).toBe(201);
    const scores = await call(app, 'GET', `/api/traces/${traced}/scores`);
    expect(scores.json.items).toEqual([]);
    expect(scores.json.experiments).toEqual([
      {
        run: expect.objectContaining({ id: run.json.id, target: 'my app', dataset: 'd' }),
        outcome: expect.objectContaining({
          itemId: 'a',
          pass: false,
          traceId: traced,
          namedScores: { 'precision@1': 0 },
        }),
      },
    ]);
    const badTrace = await call(app, 'POST', '/api/eval-runs', {
      dataset: 'd',
      datasetVersion: 1,
      target: 't',
      repeats: 1,
      outcomes: [{ ...outcome('a', 0, true), traceId: 'not-a-trace' }],
    });
    expect(badTrace.status).toBe(400);
    expect(badTrace.json.error.message).toMatch(/traceId/);
  });

  it('records runs checked against the dataset and compares two with a verdict', async () => {
    const { app } = await testApp();
    const items = Array.from({ length: 30 }, (_, i) => ({ id: `i${i}`, vars: { n: i } }));
    await call(app, 'POST', '/api/datasets/d/versions', { items });
    const record = (pass: (i: number) => boolean, target: string) =>
      call(app, 'POST', '/api/eval-runs', {
        dataset: 'd',
        datasetVersion: 1,
        target,
        repeats: 1,
        outcomes: items.map((_, i) => outcome(`i${i}`, 0, pass(i))),
      });
    const base = await record(() => true, 'old prompt');
    const cand = await record((i) => i >= 15, 'new prompt');
    expect(base.status).toBe(201);
    expect(cand.json).toMatchObject({ passRate: 0.5, outcomeCount: 30, dataset: 'd' });
    const view = await call(app, 'GET', `/api/eval-runs/${cand.json.id}/compare/${base.json.id}`);
    expect(view.status).toBe(200);
    expect(view.json.comparison.verdict).toBe('worse');
    expect(view.json.comparison.metrics[0]).toMatchObject({
      metric: 'pass rate',
      test: 'mcnemar-exact',
    });
    expect(view.json.items[0]).toMatchObject({
      itemId: 'i0',
      vars: { n: 0 },
      baseline: [{ pass: true }],
      candidate: [{ pass: false }],
    });
    const same = await call(app, 'GET', `/api/eval-runs/${base.json.id}/compare/${base.json.id}`);
    expect(same.json.comparison.verdict).toBe('no significant difference');
    expect((await call(app, 'GET', '/api/eval-runs?dataset=d')).json.items).toHaveLength(2);

    const refused = [
      [
        { dataset: 'd', datasetVersion: 2, outcomes: [outcome('i0', 0, true)] },
        404,
        /no version 2/,
      ],
      [
        { dataset: 'd', datasetVersion: 1, outcomes: [outcome('zz', 0, true)] },
        400,
        /"zz" is not in d@1/,
      ],
      [
        { dataset: 'd', datasetVersion: 1, outcomes: [outcome('i0', 3, true)] },
        400,
        /repeat 3 is not below/,
      ],
      [
        {
          dataset: 'd',
          datasetVersion: 1,
          outcomes: [outcome('i0', 0, true), outcome('i0', 0, false)],
        },
        400,
        /twice/,
      ],
      [{ dataset: 'd', datasetVersion: 1, outcomes: [] }, 400, /outcomes/],
    ] as const;
    for (const [body, status, message] of refused) {
      const res = await call(app, 'POST', '/api/eval-runs', { target: 't', repeats: 1, ...body });
      expect(res.status).toBe(status);
      expect(res.json.error.message).toMatch(message);
    }
    await call(app, 'POST', '/api/datasets/d/versions', { items, append: true });
    const other = await call(app, 'POST', '/api/eval-runs', {
      dataset: 'd',
      datasetVersion: 2,
      target: 't',
      repeats: 1,
      outcomes: [outcome('i0', 0, true)],
    });
    const mismatch = await call(
      app,
      'GET',
      `/api/eval-runs/${other.json.id}/compare/${base.json.id}`,
    );
    expect(mismatch.status).toBe(400);
    expect(mismatch.json.error.message).toMatch(/different dataset versions/);
    expect((await call(app, 'GET', `/api/eval-runs/nope/compare/${base.json.id}`)).status).toBe(
      404,
    );
  });

  it('keeps sampling rules and reviews, and computes agreement per dimension', async () => {
    const { app, storage } = await testApp();
    const rules = [
      {
        id: 'refunds',
        segment: { route: 'refunds' },
        rate: 0.05,
        assert: [{ type: 'glassbox:no-refusal' }],
      },
    ];
    expect((await call(app, 'PUT', '/api/online-eval/rules', { rules })).json.rules).toEqual(rules);
    expect((await call(app, 'GET', '/api/online-eval/rules')).json.rules).toEqual(rules);
    const badRule = await call(app, 'PUT', '/api/online-eval/rules', {
      rules: [{ id: 'x', rate: 0.5, assert: [{ type: 'nonsense' }] }],
    });
    expect(badRule.status).toBe(400);
    expect(badRule.json.error.message).toMatch(/"nonsense" is not supported/);

    await storage.traces.writeSpans([1, 2, 3].map((n) => requestSpan(n, n * 1000)));
    const id = (n: number) => n.toString(16).padStart(32, '0');
    expect(
      (await call(app, 'POST', '/api/reviews', { traceIds: [id(1)], note: 'rude' })).json,
    ).toEqual({
      added: 1,
      traceIds: [id(1)],
    });
    const sampled = await call(app, 'POST', '/api/reviews', { sample: { count: 2 } });
    expect(sampled.json.traceIds).toHaveLength(2);
    expect((await call(app, 'POST', '/api/reviews', { traceIds: ['e'.repeat(32)] })).status).toBe(
      404,
    );
    expect((await call(app, 'GET', '/api/reviews')).json.items[0]).toMatchObject({
      traceId: id(1),
      reason: 'flagged',
      note: 'rude',
    });
    const label = (trace: string, reviewer: string, verdicts: object) =>
      call(app, 'PUT', `/api/reviews/${trace}/labels`, { reviewer, verdicts });
    expect((await label(id(1), 'ann', { tone: 'fail', format: 'pass' })).json).toEqual({
      saved: 2,
    });
    await label(id(2), 'ann', { tone: 'pass' });
    await label(id(1), 'bob', { tone: 'fail' });
    await label(id(2), 'bob', { tone: 'pass' });
    expect((await label(id(1), 'ann', { politeness: 'pass' })).status).toBe(400);
    expect((await label(id(1), 'ann', { tone: 'maybe' })).status).toBe(400);
    expect((await label(id(1), 'judge', { tone: 'pass' })).status).toBe(400);
    expect(
      (await call(app, 'GET', '/api/reviews?pendingFor=ann')).json.items.map(
        (i: Json) => i.traceId,
      ),
    ).not.toContain(id(1));
    const tone = (await call(app, 'GET', '/api/reviews/agreement')).json.items.find(
      (d: Json) => d.dimension === 'tone',
    );
    expect(tone.betweenReviewers).toEqual({ items: 2, observed: 1, kappa: 1 });
    expect(tone.reviewerVsJudge).toEqual({ items: 0, observed: 0 });
  });
});
