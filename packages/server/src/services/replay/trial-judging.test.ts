import { threadId } from 'node:worker_threads';
import type { Span } from '@glassbox/core/model';
import { planReplay, readRecordedCall } from '@glassbox/core/replay';
import { afterAll, describe, expect, it } from 'vitest';
import { requestSpan } from '../../../test/support/request-span.js';
import type { JudgeTask } from './judge-trial.js';
import { inProcessJudging, startJudgingThreads } from './trial-judging.js';

/** A call sampled at 1.3 against a pinned 0.2: the classifier flags it unless replayed at 0.2. */
const hot: Span = {
  ...requestSpan(1, Date.UTC(2026, 0, 1)),
  parameters: { temperature: 1.3 },
  versions: { 'param.temperature': '0.2' },
};
const call = readRecordedCall(hot, [hot]);
const task = (index: number, temperature?: number): JudgeTask => ({
  index,
  request: planReplay(call, temperature === undefined ? {} : { parameters: { temperature } })
    .request,
  output: { content: 'A complete answer to question 1.', latencyMs: 3 },
  original: hot,
  traceSpans: [hot],
  targets: ['sampling_parameters_mismatch'],
});

describe('judging replayed answers on worker threads', () => {
  const threads = startJudgingThreads({ maxThreads: 2 });
  afterAll(() => threads.close());

  it('judges on another thread exactly as on this one', async () => {
    for (const t of [task(0), task(1, 0.2)]) {
      const onThread = await threads.judge(t);
      const here = await inProcessJudging.judge(t);
      expect(onThread.threadId).toBeDefined();
      expect(onThread.threadId).not.toBe(threadId);
      const { threadId: _, ...judgement } = onThread;
      expect(judgement).toEqual(here);
    }
    expect((await threads.judge(task(2))).failed).toBe(true);
    expect((await threads.judge(task(3, 0.2))).failed).toBe(false);
  });

  it('judges many trials at once without mixing their answers', async () => {
    const tasks = Array.from({ length: 24 }, (_, i) => task(i, i % 2 ? 0.2 : undefined));
    const judged = await Promise.all(tasks.map((t) => threads.judge(t)));
    expect(judged.map((j) => j.failed)).toEqual(tasks.map((_, i) => i % 2 === 0));
  });
});
