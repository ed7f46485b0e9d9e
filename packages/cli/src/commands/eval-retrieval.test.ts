import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { retrievalNamedScores } from '@glassbox/core/evals';
import { createServer, type GlassboxServer } from '@glassbox/server';
import { startSimulator, type RunningSimulator } from '@glassbox/simulator';
import { createMemoryStorage } from '@glassbox/store';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTracedRagApp, type TracedRagApp } from '../../test/fixtures/traced-rag-app.js';
import { callApi, evalInDir } from '../../test/support/eval-in-dir.js';

/*
 * Retrieval metrics when the target is the user's app: `glassbox eval --trace-wait` sends a
 * traceparent with each request, reads the documents the app's retriever returned from the
 * trace the app exported to the server, and scores them against the items' gold ids.
 */

let server: GlassboxServer;
let sim: RunningSimulator;
let app: TracedRagApp;
let dir: string;

const ITEMS = [
  { id: 'refund', question: 'How long do refunds take?', gold: ['refund-policy#0'] },
  {
    id: 'repair',
    question: 'Can I book a repair at a workshop?',
    gold: ['refund-request#0', 'refund-policy#0'],
  },
  { id: 'unknown', question: 'Do you sell helmets?', gold: ['no-such-document#0'] },
];

/** `glassbox eval --url SERVER --trace-wait WAIT ARGS` against the app, in the test's directory. */
const evalApp = (wait: string, args: string[], extraConfig = '') =>
  evalInDir(dir, `${config(app.url)}${extraConfig}`, [
    '--url',
    server.url,
    '--trace-wait',
    wait,
    ...args,
  ]);

const config = (url: string) => `
prompts: ['{{question}}']
providers:
  - id: ${url}
    config: { body: { question: '{{prompt}}' }, transformResponse: 'json.answer' }
defaultTest:
  assert: [{ type: javascript, value: 'output.length > 0' }]
`;

beforeAll(async () => {
  server = await createServer({ storage: createMemoryStorage(), host: '127.0.0.1', port: 0 });
  sim = await startSimulator({ seed: 3 });
  app = await startTracedRagApp({ glassboxUrl: server.url, simulatorBaseUrl: sim.baseURL });
  const created = await callApi(server.url, 'POST', '/api/datasets/rag/versions', {
    items: ITEMS.map((i) => ({
      id: i.id,
      vars: { question: i.question },
      goldDocumentIds: i.gold,
    })),
  });
  expect(created.status).toBe(201);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await sim?.close();
  await server?.close();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'glassbox-eval-retrieval-'));
  return () => rmSync(dir, { recursive: true, force: true });
});

describe('glassbox eval --trace-wait', () => {
  it("scores the documents the app retrieved, read from the app's own traces", async () => {
    app.continueTrace = true;
    const run = await evalApp('20s', ['--dataset', 'rag', '--record', '-o', 'out.json']);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(
      /Retrieval \(from the app's traces, 3 results\): precision@1 [\d.]+, precision@3 [\d.]+, precision@5 [\d.]+, recall@5 [\d.]+, MRR [\d.]+, ndcg@5 [\d.]+/,
    );
    const report = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as {
      results: { grading: { namedScores: Record<string, number> } }[];
    };
    ITEMS.forEach((item, i) => {
      const retrieved = app.retrieved.get(item.question);
      expect(retrieved, item.id).toHaveLength(5);
      expect(report.results[i]!.grading.namedScores).toMatchObject(
        retrievalNamedScores(retrieved!, item.gold),
      );
    });
    // A refund question finds the refund policy among the first five; an unknown id never is.
    expect(report.results[0]!.grading.namedScores['reciprocal-rank']).toBeGreaterThan(0);
    expect(report.results[2]!.grading.namedScores).toMatchObject({
      'precision@5': 0,
      'reciprocal-rank': 0,
      'ndcg@5': 0,
    });

    // The stored run keeps the scores and the app's trace of each call.
    const runId = /Recorded run (\S+)/.exec(run.out)![1]!;
    const stored = (await callApi(server.url, 'GET', `/api/eval-runs/${runId}`)).body;
    const first = stored.outcomes.find((o: { itemId: string }) => o.itemId === 'refund');
    expect(first.namedScores['reciprocal-rank']).toBeGreaterThan(0);
    const trace = await callApi(server.url, 'GET', `/api/traces/${first.traceId}`);
    expect(trace.status).toBe(200);
    expect(trace.body.spans.some((s: { kind: string }) => s.kind === 'retriever')).toBe(true);
  }, 60_000);

  it('makes a result an error when its trace never arrives, naming the trace', async () => {
    app.continueTrace = false;
    const run = await evalApp('1s', ['--dataset', 'rag@1']);
    expect(run.code).toBe(100);
    expect(run.out).toMatch(/ERROR .*trace [0-9a-f]{32} did not reach .* within --trace-wait 1 s/);
    expect(run.out).toContain('3 traces did not arrive');
  }, 60_000);

  it('refuses a bad duration and bad gold ids before or without scoring', async () => {
    const bad = await evalApp('soon', []);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('invalid --trace-wait "soon"');
    app.continueTrace = true;
    const gold = await evalApp(
      '5s',
      [],
      `tests:\n  - vars: { question: refunds? }\n    metadata: { goldDocumentIds: refund-policy#0 }\n`,
    );
    expect(gold.code).toBe(1);
    expect(gold.err).toContain('metadata.goldDocumentIds must be a non-empty list');
  }, 60_000);
});
