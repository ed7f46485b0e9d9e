import { OnlineEvalJob, onlineJudgeServices } from '@glassbox/server';
import { startSimulator } from '@glassbox/simulator';
import { createMemoryStorage } from '@glassbox/store';
import type { Span } from '@glassbox/core/model';
import { describe, expect, it } from 'vitest';

// Model-graded online evaluation end to end: the job calls the judge through the server's
// providers (here the simulator, which answers judge prompts deterministically).

const span = (n: number, answer: string): Span =>
  ({
    projectId: 'default',
    traceId: n.toString(16).padStart(32, '0'),
    spanId: n.toString(16).padStart(16, '0'),
    name: 'chat',
    kind: 'llm',
    startTimeUnixNano: `${BigInt(1000 + n) * 1_000_000n}`,
    endTimeUnixNano: `${BigInt(1400 + n) * 1_000_000n}`,
    startMs: 1000 + n,
    durationMs: 400,
    status: 'ok',
    responseModel: 'gpt-4o-mini',
    parameters: {},
    inputMessages: [{ role: 'user', content: 'How long do refunds take?' }],
    outputMessages: [{ role: 'assistant', content: answer }],
    usage: { input: 10, output: 10 },
    toolDefinitions: [],
    documents: [],
    tags: [],
    metadata: {},
    versions: {},
    resource: {},
    scope: { name: 'test' },
    attributes: {},
    events: [],
  }) as Span;

describe('online evaluation with a model-graded rubric', () => {
  it('scores sampled traces through the judge and keeps its verdict as a review label', async () => {
    const sim = await startSimulator({ seed: 5 });
    try {
      const storage = createMemoryStorage();
      await storage.traces.writeSpans([
        span(1, 'Refunds take 14 days.'),
        span(2, 'whatever, figure it out yourself'),
      ]);
      await storage.evals.online.putSamplingRules('default', [
        { id: 'tone', segment: {}, rate: 1, assert: [{ type: 'glassbox:rubric:tone' }] },
      ]);
      const errors: string[] = [];
      const job = new OnlineEvalJob(storage, {
        settleMs: 0,
        lookbackMs: 10_000,
        services: onlineJudgeServices(undefined, {
          OPENAI_BASE_URL: sim.baseURL,
          OPENAI_API_KEY: 'sim',
        }),
        onError: (e) => errors.push(e.message),
      });
      expect(await job.tick(5000)).toBe(2);
      expect(errors).toEqual([]);
      const scores = await Promise.all(
        [1, 2].map((n) =>
          storage.evals.online.listOnlineScores('default', n.toString(16).padStart(32, '0')),
        ),
      );
      expect(scores.map((s) => s[0]?.name)).toEqual([
        'glassbox:rubric:tone',
        'glassbox:rubric:tone',
      ]);
      const labels = await storage.evals.reviews.listReviewLabels('default');
      expect(labels.map((l) => [l.rater, l.dimension])).toEqual([
        ['judge', 'tone'],
        ['judge', 'tone'],
      ]);
      expect(labels.map((l) => l.verdict)).toEqual(
        scores.map((s) => (s[0]?.pass ? 'pass' : 'fail')),
      );
    } finally {
      await sim.close();
    }
  });

  it('reports a model-graded evaluator when no provider is configured', async () => {
    const storage = createMemoryStorage();
    await storage.traces.writeSpans([span(1, 'ok')]);
    await storage.evals.online.putSamplingRules('default', [
      { id: 'tone', segment: {}, rate: 1, assert: [{ type: 'glassbox:rubric:tone' }] },
    ]);
    const errors: string[] = [];
    const job = new OnlineEvalJob(storage, {
      settleMs: 0,
      lookbackMs: 10_000,
      services: onlineJudgeServices(undefined, {}),
      onError: (e) => errors.push(e.message),
    });
    await job.tick(5000);
    expect(errors[0]).toMatch(/no model provider is configured/);
    expect(await storage.evals.online.listOnlineScores('default', '1'.padStart(32, '0'))).toEqual(
      [],
    );
  });
});
