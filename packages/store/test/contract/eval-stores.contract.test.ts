import type { ExperimentRun } from '@glassbox/core/evals';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../support/backends.js';

const T1 = '1'.repeat(32);
const T2 = '2'.repeat(32);

const run = (
  id: string,
  createdAtMs: number,
  over: Partial<ExperimentRun> = {},
): ExperimentRun => ({
  id,
  projectId: 'default',
  dataset: 'support',
  datasetVersion: 1,
  target: 'openai:chat:gpt-x',
  repeats: 2,
  createdAtMs,
  passRate: 0.5,
  outcomeCount: 2,
  outcomes: [
    {
      itemId: 'a',
      repeat: 0,
      output: 'Refunds take 14 days',
      pass: true,
      score: 1,
      namedScores: { accuracy: 1 },
      reason: 'All assertions passed',
      latencyMs: 12.5,
      assertions: [{ type: 'icontains', pass: true, score: 1, reason: 'ok' }],
    },
    {
      itemId: 'a',
      repeat: 1,
      output: '',
      pass: false,
      score: 0,
      namedScores: {},
      reason: 'timeout',
      error: 'timeout',
      assertions: [],
    },
  ],
  ...over,
});

describeEachBackend('EvalStores', (opened) => {
  it('writes each dataset change as the next immutable version', async () => {
    const { datasets } = opened.storage.evals;
    const v1 = await datasets.createDatasetVersion({
      projectId: 'default',
      name: 'support',
      items: [{ id: 'a', vars: { q: 'refund?', n: 2 }, categories: ['refusal'] }],
      createdAtMs: 1000,
    });
    expect(v1).toEqual({
      projectId: 'default',
      name: 'support',
      version: 1,
      createdAtMs: 1000,
      itemCount: 1,
    });
    const v2 = await datasets.createDatasetVersion({
      projectId: 'default',
      name: 'support',
      items: [
        { id: 'a', vars: { q: 'refund?', n: 2 }, categories: ['refusal'] },
        { id: 'b', vars: { q: 'hi' }, expected: 'contains:hello' },
      ],
      createdAtMs: 2000,
      note: 'add b',
    });
    expect(v2.version).toBe(2);
    await datasets.createDatasetVersion({
      projectId: 'default',
      name: 'rag',
      items: [],
      createdAtMs: 3000,
    });
    await datasets.createDatasetVersion({
      projectId: 'other',
      name: 'zzz',
      items: [],
      createdAtMs: 3000,
    });
    expect((await datasets.listDatasets('default')).map((d) => `${d.name}@${d.version}`)).toEqual([
      'rag@1',
      'support@2',
    ]);
    expect(
      (await datasets.listDatasetVersions('default', 'support')).map((v) => v.note ?? null),
    ).toEqual(['add b', null]);
    expect(await datasets.getDatasetItems('default', 'support', 1)).toEqual([
      { id: 'a', vars: { q: 'refund?', n: 2 }, categories: ['refusal'] },
    ]);
    expect(await datasets.getDatasetItems('default', 'support', 2)).toHaveLength(2);
    expect(await datasets.getDatasetItems('default', 'support', 3)).toBeUndefined();
    expect(await datasets.getDatasetItems('other', 'support', 1)).toBeUndefined();
    expect(await datasets.listDatasetVersions('default', 'none')).toEqual([]);
  });

  it('gives concurrent writers distinct versions', async () => {
    const { datasets } = opened.storage.evals;
    const made = await Promise.all(
      [1, 2, 3].map((n) =>
        datasets.createDatasetVersion({
          projectId: 'default',
          name: 'd',
          items: [],
          createdAtMs: n,
        }),
      ),
    );
    expect(made.map((v) => v.version).sort()).toEqual([1, 2, 3]);
  });

  it('keeps experiment runs whole and lists their headers newest first', async () => {
    const { runs } = opened.storage.evals;
    await runs.saveExperimentRun(run('r1', 1000));
    await runs.saveExperimentRun(run('r2', 2000, { datasetVersion: 2, note: 'new prompt' }));
    await runs.saveExperimentRun(run('r3', 3000, { dataset: 'rag' }));
    await expect(runs.saveExperimentRun(run('r1', 5))).rejects.toThrow(/already exists/);
    expect(await runs.getExperimentRun('default', 'r1')).toEqual(run('r1', 1000));
    expect(await runs.getExperimentRun('other', 'r1')).toBeUndefined();
    const headers = await runs.listExperimentRuns('default');
    expect(headers.map((r) => r.id)).toEqual(['r3', 'r2', 'r1']);
    expect(headers[0]).not.toHaveProperty('outcomes');
    expect(
      (await runs.listExperimentRuns('default', { dataset: 'support' })).map((r) => r.id),
    ).toEqual(['r2', 'r1']);
    expect(
      (await runs.listExperimentRuns('default', { dataset: 'support', datasetVersion: 2 })).map(
        (r) => r.note,
      ),
    ).toEqual(['new prompt']);
  });

  it('finds the experiment outcomes whose call started a trace, newest run first', async () => {
    const { runs } = opened.storage.evals;
    const traced = (id: string, at: number, projectId = 'default') => {
      const r = run(id, at, { projectId });
      r.outcomes[0]!.traceId = T1;
      r.outcomes[1]!.traceId = T2;
      return r;
    };
    await runs.saveExperimentRun(traced('old', 1000));
    await runs.saveExperimentRun(traced('new', 2000));
    await runs.saveExperimentRun(run('untraced', 3000));
    await runs.saveExperimentRun(traced('elsewhere', 4000, 'other'));
    const found = await runs.listTraceRunOutcomes('default', T1);
    expect(found.map((f) => [f.run.id, f.outcome.itemId, f.outcome.repeat])).toEqual([
      ['new', 'a', 0],
      ['old', 'a', 0],
    ]);
    expect(found[0]!.outcome).toEqual(traced('new', 2000).outcomes[0]);
    expect(found[0]!.run).toEqual(
      (await runs.listExperimentRuns('default')).find((r) => r.id === 'new'),
    );
    expect((await runs.listTraceRunOutcomes('default', T2, 1)).map((f) => f.run.id)).toEqual([
      'new',
    ]);
    expect(await runs.listTraceRunOutcomes('default', '3'.repeat(32))).toEqual([]);
  });

  it('keeps sampling rules, online scores and the cursor per project', async () => {
    const { online } = opened.storage.evals;
    expect(await online.getSamplingRules('default')).toEqual([]);
    expect(await online.getOnlineCursor('default')).toBeUndefined();
    await online.putOnlineCursor('default', 500);
    expect(await online.listProjectsWithRules()).toEqual([]);
    const rules = [
      {
        id: 'all',
        segment: { route: 'refunds' },
        rate: 0.05,
        assert: [{ type: 'glassbox:no-refusal' }],
      },
    ];
    await online.putSamplingRules('default', rules);
    expect(await online.getSamplingRules('default')).toEqual(rules);
    expect(await online.getOnlineCursor('default')).toBe(500);
    expect(await online.listProjectsWithRules()).toEqual(['default']);
    const score = {
      projectId: 'default',
      traceId: T1,
      name: 'no-refusal',
      score: 0,
      pass: false,
      reason: 'refused',
      ruleId: 'all',
      atMs: 9,
    };
    await online.putOnlineScores([score, { ...score, name: 'tone', score: 0.75, pass: true }]);
    await online.putOnlineScores([{ ...score, score: 1, pass: true, reason: 'ok' }]);
    expect(await online.listOnlineScores('default', T1)).toEqual([
      { ...score, score: 1, pass: true, reason: 'ok' },
      { ...score, name: 'tone', score: 0.75, pass: true },
    ]);
    expect(await online.listOnlineScores('other', T1)).toEqual([]);
  });

  it('queues reviews once and tracks who labelled what', async () => {
    const { reviews } = opened.storage.evals;
    expect(
      await reviews.enqueueReviews([
        { projectId: 'default', traceId: T1, reason: 'sampled', createdAtMs: 1 },
        { projectId: 'default', traceId: T2, reason: 'flagged', note: 'rude', createdAtMs: 2 },
      ]),
    ).toBe(2);
    expect(
      await reviews.enqueueReviews([
        { projectId: 'default', traceId: T1, reason: 'flagged', createdAtMs: 3 },
      ]),
    ).toBe(0);
    const label = {
      projectId: 'default',
      traceId: T1,
      dimension: 'tone' as const,
      rater: 'ann',
      verdict: 'pass' as const,
      atMs: 10,
    };
    await reviews.putReviewLabels([label, { ...label, rater: 'judge', verdict: 'fail', atMs: 11 }]);
    await reviews.putReviewLabels([{ ...label, verdict: 'fail', atMs: 12 }]);
    const items = await reviews.listReviewItems('default');
    expect(items).toEqual([
      { projectId: 'default', traceId: T1, reason: 'sampled', createdAtMs: 1, reviewedBy: ['ann'] },
      {
        projectId: 'default',
        traceId: T2,
        reason: 'flagged',
        note: 'rude',
        createdAtMs: 2,
        reviewedBy: [],
      },
    ]);
    expect(
      (await reviews.listReviewItems('default', { pendingFor: 'ann' })).map((i) => i.traceId),
    ).toEqual([T2]);
    expect(await reviews.listReviewLabels('default', T1)).toEqual([
      { ...label, rater: 'judge', verdict: 'fail', atMs: 11 },
      { ...label, verdict: 'fail', atMs: 12 },
    ]);
    expect(await reviews.listReviewLabels('other')).toEqual([]);
  });
});
