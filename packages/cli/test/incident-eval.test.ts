import type { GlassboxServer } from '@glassbox/server';
import { describe, expect, it } from 'vitest';
import { INCIDENT_ID, postJson, simulatedIncidentServers } from './support/incident-server.js';

const { open: serverWith, simulated } = simulatedIncidentServers(9);
const evalOf = (s: GlassboxServer, body: object, id = INCIDENT_ID) =>
  postJson(s, `/api/incidents/${id}/evals`, body);

describe('POST /api/incidents/:id/evals (simulator as the provider)', () => {
  it('adds the failing samples to a dataset, replays and judges them as a run on the timeline', async () => {
    const { server: s, storage } = await serverWith(simulated());
    const res = await evalOf(s, { author: 'ana', dataset: 'incident-7', trials: 2 });
    expect(res.status, await res.clone().text()).toBe(201);
    const { dataset, run } = (await res.json()) as {
      dataset: { name: string; version: number; itemCount: number };
      run: {
        id: string;
        datasetVersion: number;
        repeats: number;
        outcomeCount: number;
        passRate: number;
        target: string;
        note: string;
      };
    };
    expect(dataset).toMatchObject({ name: 'incident-7', version: 1 });
    expect(dataset.itemCount).toBeGreaterThanOrEqual(3);
    expect(run).toMatchObject({
      datasetVersion: 1,
      repeats: 2,
      outcomeCount: dataset.itemCount * 2,
      target: 'replay as recorded',
      note: `incident ${INCIDENT_ID}`,
    });
    // Every item is a failing (rate-limited) trace; the simulator answers them now.
    const items = await storage.evals.datasets.getDatasetItems('default', 'incident-7', 1);
    for (const item of items ?? []) {
      const trace = await storage.traces.getTrace('default', item.sourceTraceId!);
      expect(trace?.trace.status).toBe('error');
      // Its failure categories are what each replayed answer is judged on.
      expect(item.categories?.length).toBeGreaterThan(0);
    }
    const stored = await storage.evals.runs.getExperimentRun('default', run.id);
    expect(stored?.outcomes.every((o) => o.pass && o.output !== '')).toBe(true);
    expect(run.passRate).toBe(1);

    const timeline = (await (
      await fetch(`${s.url}/api/incidents/${INCIDENT_ID}/timeline`)
    ).json()) as { items: { kind: string; text: string; author?: string }[] };
    const evalEntry = timeline.items.find((e) => e.kind === 'eval_run');
    expect(evalEntry?.text).toBe(
      `eval run on incident-7@1 (replay as recorded): 100 % passed (incident ${INCIDENT_ID})`,
    );
    const note = timeline.items.find((e) => e.kind === 'note');
    expect(note).toMatchObject({ author: 'ana' });
    expect(note?.text).toContain(`eval run ${run.id} on incident-7@1`);
  });

  it('runs on the named traces with overrides, appending to the dataset', async () => {
    const { server: s } = await serverWith(simulated());
    const failing = '000000000000000000000000000000cb'; // request 202, rate limited
    await evalOf(s, { author: 'ana', dataset: 'incident-7', traceIds: [failing], trials: 1 });
    const res = await evalOf(s, {
      author: 'bo',
      dataset: 'incident-7',
      traceIds: [failing.toUpperCase()],
      trials: 3,
      overrides: { model: 'gpt-4o-mini' },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const { dataset, run } = (await res.json()) as {
      dataset: { version: number; itemCount: number };
      run: { outcomeCount: number; target: string };
    };
    expect(dataset).toMatchObject({ version: 2, itemCount: 1 });
    expect(run).toMatchObject({ outcomeCount: 3, target: 'replay with model gpt-4o-mini' });
  });

  it('grades written expected outputs as promptfoo assertions beside the classifier, kept on the items', async () => {
    const { server: s, storage } = await serverWith(simulated());
    const failing = '000000000000000000000000000000cb'; // request 202, rate limited
    const run = async (expected: string, assertions?: object[]) => {
      const res = await evalOf(s, {
        author: 'ana',
        dataset: 'incident-7',
        traceIds: [failing],
        trials: 2,
        expected: { [failing.toUpperCase()]: expected },
        ...(assertions ? { assertions } : {}),
      });
      expect(res.status, await res.clone().text()).toBe(201);
      return (await res.json()) as {
        dataset: { version: number };
        run: { id: string; passRate: number };
      };
    };
    const missed = await run('icontains:quarterly dividend');
    expect(missed.run.passRate).toBe(0);
    const stored = await storage.evals.runs.getExperimentRun('default', missed.run.id);
    for (const outcome of stored?.outcomes ?? []) {
      expect(outcome.pass).toBe(false);
      expect(outcome.assertions).toEqual([
        {
          type: 'icontains',
          pass: false,
          score: 0,
          reason: expect.stringContaining('quarterly dividend'),
        },
      ]);
      expect(outcome.reason).toContain('icontains');
    }
    const items = await storage.evals.datasets.getDatasetItems('default', 'incident-7', 1);
    expect(items?.map((i) => i.expected)).toEqual(['icontains:quarterly dividend']);

    const met = await run('not-icontains:quarterly dividend', [{ type: 'regex', value: '\\S' }]);
    expect(met.run.passRate).toBe(1);
    const metRun = await storage.evals.runs.getExperimentRun('default', met.run.id);
    expect(metRun?.outcomes[0]?.assertions.map((a) => [a.type, a.pass])).toEqual([
      ['not-icontains', true],
      ['regex', true],
    ]);
  });

  it('refuses expected outputs a replay cannot grade or for traces outside the eval', async () => {
    const { server: s, storage } = await serverWith(simulated());
    const failing = '000000000000000000000000000000cb';
    const refused = async (body: object, message: RegExp) => {
      const res = await evalOf(s, { author: 'ana', dataset: 'd', traceIds: [failing], ...body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message);
    };
    await refused(
      { expected: { [failing]: 'llm-rubric: mentions the refund window' } },
      new RegExp(`expected output of trace ${failing}: type "llm-rubric" cannot judge a replay`),
    );
    await refused(
      { expected: { ['e'.repeat(32)]: 'icontains:refund' } },
      /expected names trace e{32}, which is not among the traces of this eval/,
    );
    await refused({ expected: { 'not-a-trace': 'icontains:refund' } }, /expected/);
    await refused({ assertions: [{ type: 'llm-rubric', value: 'x' }] }, /cannot judge a replay/);
    expect(await storage.evals.datasets.listDatasets('default')).toEqual([]);
  });

  it('refuses bad input, naming the problem', async () => {
    const { server: s, storage } = await serverWith(simulated());
    const missing = await evalOf(s, { author: 'ana', dataset: 'd' }, 'nope');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toBe(
      'incident nope not found',
    );
    const unknownTrace = await evalOf(s, {
      author: 'ana',
      dataset: 'd',
      traceIds: ['f'.repeat(32)],
    });
    expect(unknownTrace.status).toBe(404);
    expect(await unknownTrace.text()).toContain(`trace ${'f'.repeat(32)} not found`);
    expect(await storage.evals.datasets.listDatasets('default')).toEqual([]);
    for (const body of [
      { dataset: 'd' },
      { author: 'ana', dataset: 'bad name!' },
      { author: 'ana', dataset: 'd', trials: 0 },
      { author: 'ana', dataset: 'd', temperature: 2 },
    ]) {
      const res = await evalOf(s, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
  });

  it('answers no_provider when no model provider is configured', async () => {
    const { server: s, storage } = await serverWith({});
    const res = await evalOf(s, { author: 'ana', dataset: 'd' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('no_provider');
    // Refused before anything was written.
    expect(await storage.evals.datasets.listDatasets('default')).toEqual([]);
  });
});
