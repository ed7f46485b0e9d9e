import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractObservation, resolveMetric } from '@glassbox/core/detect';
import type { Span } from '@glassbox/core/model';
import { createMemoryStorage, openStorage } from '@glassbox/store';
import { describe, expect, it } from 'vitest';
import { requestSpan } from '../../../test/support/request-span.js';
import { createServer } from '../../create-server.js';
import { OnlineEvalJob } from './online-eval-job.js';

const refusal = (n: number, startMs: number, route: string): Span => {
  const span = requestSpan(n, startMs);
  span.outputMessages = [{ role: 'assistant', content: "I'm sorry, but I can't help with that." }];
  span.metadata = { route };
  return span;
};
const id = (n: number) => n.toString(16).padStart(32, '0');

describe('online evaluation', () => {
  it('grades sampled traces of a segment once, storing scores detection reads as metrics', async () => {
    const storage = createMemoryStorage();
    const now = 1_000_000_000;
    await storage.traces.writeSpans([
      refusal(1, now - 60_000, 'refunds'),
      requestSpan(2, now - 50_000),
      refusal(3, now - 40_000, 'billing'),
      refusal(4, now - 1_000, 'refunds'),
    ]);
    await storage.evals.online.putSamplingRules('default', [
      {
        id: 'refunds',
        segment: { route: 'refunds' },
        rate: 1,
        assert: [{ type: 'glassbox:no-refusal' }],
      },
      {
        id: 'all',
        segment: {},
        rate: 1,
        assert: [{ type: 'icontains', value: 'answer', metric: 'mentions_answer' }],
      },
    ]);
    const job = new OnlineEvalJob(storage, { settleMs: 10_000 });
    expect(await job.tick(now)).toBe(3);
    const scores = await storage.evals.online.listOnlineScores('default', id(1));
    expect(scores.map((s) => [s.name, s.score, s.pass])).toEqual([
      ['glassbox:no-refusal', 0, false],
      ['mentions_answer', 0, false],
    ]);
    expect(
      (await storage.evals.online.listOnlineScores('default', id(2))).map((s) => s.name),
    ).toEqual(['mentions_answer']);
    // Too recent: left for a later pass.
    expect(await storage.evals.online.listOnlineScores('default', id(4))).toEqual([]);
    const trace = await storage.traces.getTrace('default', id(1));
    const observation = extractObservation(trace?.spans ?? []);
    expect(resolveMetric('score:glassbox:no-refusal').read(observation)).toBe(0);
    expect(resolveMetric('score:mentions_answer').read(observation)).toBe(0);
    expect(observation.steps).toBe(1);
    expect(await job.tick(now)).toBe(0);
    expect(await job.tick(now + 20_000)).toBe(1);
    expect((await storage.traces.getTrace('default', id(1)))?.spans).toHaveLength(3);
  });

  it('leaves traces outside the sample alone and reports an assertion it cannot grade', async () => {
    const storage = createMemoryStorage();
    await storage.traces.writeSpans(
      Array.from({ length: 50 }, (_, i) => requestSpan(i + 1, 1000 + i)),
    );
    await storage.evals.online.putSamplingRules('default', [
      { id: 'few', segment: {}, rate: 0.05, assert: [{ type: 'glassbox:non-empty' }] },
      { id: 'judge', segment: {}, rate: 0.05, assert: [{ type: 'glassbox:rubric:tone' }] },
    ]);
    const errors: string[] = [];
    const job = new OnlineEvalJob(storage, {
      settleMs: 0,
      lookbackMs: 10_000,
      onError: (e) => errors.push(e.message),
    });
    const graded = await job.tick(5000);
    expect(graded).toBeLessThan(10);
    expect(errors).toHaveLength(graded);
    expect(errors[0] ?? 'rubric').toMatch(/rubric/);
  });

  it('runs on its own thread in a server over SQLite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'glassbox-online-'));
    const storage = await openStorage({ dataDir: dir });
    const server = await createServer({
      storage,
      host: '127.0.0.1',
      port: 0,
      detection: { enabled: false },
      onlineEval: { intervalMs: 100, settleMs: 0 },
    });
    try {
      await storage.evals.online.putSamplingRules('default', [
        { id: 'all', segment: {}, rate: 1, assert: [{ type: 'glassbox:no-refusal' }] },
      ]);
      await storage.traces.writeSpans([refusal(7, Date.now() - 1000, 'refunds')]);
      let scores: unknown[] = [];
      for (let i = 0; i < 100 && scores.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        scores = (
          (await (await fetch(`${server.url}/api/traces/${id(7)}/scores`)).json()) as {
            items: unknown[];
          }
        ).items;
      }
      expect(scores).toMatchObject([{ name: 'glassbox:no-refusal', pass: false, ruleId: 'all' }]);
    } finally {
      await server.close();
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
