import { failureClassifier } from '@glassbox/core/ingest';
import { createServer, type GlassboxServer } from '@glassbox/server';
import { startSimulator, type RunningSimulator } from '@glassbox/simulator';
import { createMemoryStorage } from '@glassbox/store';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const T0 = Date.UTC(2026, 0, 1);
const ONSET = T0 + 200 * 10_000;
let sim: RunningSimulator;
let server: GlassboxServer | undefined;

beforeAll(async () => {
  sim = await startSimulator({ seed: 5 });
});
afterAll(() => sim.close());
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server over 300 stored requests (every third rate limited after the onset) and one incident. */
async function serverWith(env: Record<string, string>): Promise<GlassboxServer> {
  const storage = createMemoryStorage();
  const spans = Array.from({ length: 300 }, (_, i) => {
    const fails = i >= 200 && i % 3 === 0;
    const startMs = T0 + i * 10_000;
    return {
      projectId: 'default',
      traceId: (i + 1).toString(16).padStart(32, '0'),
      spanId: (i + 1).toString(16).padStart(16, '0'),
      name: 'chat',
      kind: 'llm' as const,
      startTimeUnixNano: `${BigInt(startMs) * 1_000_000n}`,
      endTimeUnixNano: `${BigInt(startMs + 400) * 1_000_000n}`,
      startMs,
      durationMs: 400,
      status: fails ? ('error' as const) : ('ok' as const),
      ...(fails ? { statusMessage: '429 Too Many Requests: rate limit exceeded' } : {}),
      responseModel: 'gpt-4o-2024-08-06',
      parameters: {},
      inputMessages: [{ role: 'user' as const, content: `question ${i}` }],
      outputMessages: [{ role: 'assistant' as const, content: fails ? '' : `answer ${i}` }],
      usage: { input: 10, output: 5 },
      toolDefinitions: [],
      documents: [],
      tags: [],
      metadata: {},
      versions: { prompt: i < 200 ? 'v7' : 'v8' },
      resource: {},
      scope: { name: 'test' },
      attributes: {},
      events: [],
    };
  });
  await storage.traces.writeSpans(spans, { classifier: failureClassifier(new Map()) });
  await storage.detection.putIncident({
    id: 'inc-7',
    projectId: 'default',
    title: 'Error rate',
    severity: 'error',
    status: 'open',
    openedAtMs: ONSET,
    updatedAtMs: ONSET + 990_000,
    alertIds: [],
    timeline: [
      {
        atMs: ONSET,
        type: 'first_anomaly',
        message: 'first anomaly: error rate 33.3 % against 0 %',
      },
      { atMs: ONSET + 1000, type: 'version_change', message: 'prompt version "v7" → "v8"' },
    ],
  });
  server = await createServer({ storage, host: '127.0.0.1', port: 0, replay: { env } });
  return server;
}

const polish = (s: GlassboxServer, body: object = {}) =>
  fetch(`${s.url}/api/incidents/inc-7/postmortem/polish`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('postmortem polish pass (simulator as the provider)', () => {
  it('keeps rewordings that preserve every number and link, refuses the others, and says who wrote what', async () => {
    const s = await serverWith({ OPENAI_BASE_URL: sim.baseURL, OPENAI_API_KEY: 'test' });
    const res = await polish(s);
    expect(res.status).toBe(200);
    const polished = (await res.json()) as {
      summary: { text: string; by: string; rejected?: string };
      timeline: { text: string; by: string; rejected?: string; links: unknown[] }[];
      model: string;
    };
    // The simulator rounds "33.0 %" to "about 33 %": a changed number, so the draft's text stays.
    expect(polished.summary.by).toBe('code');
    expect(polished.summary.rejected).toBe('changed numbers, quoted values or links: 33.0 → 33');
    expect(polished.summary.text).toMatch(/^Error rate: 33\.0 % of 100 requests affected/);
    expect(polished.timeline[0]).toMatchObject({ by: 'code' });
    expect(polished.timeline[0]!.rejected).toMatch(/33\.3/);
    // The version line keeps its quoted values: the model's wording is used and marked.
    expect(polished.timeline[1]).toMatchObject({
      by: 'model',
      text: 'Prompt version "v7" changed to "v8".',
    });
    expect(polished.model).toBeTruthy();
  });

  it('answers no_provider without one, while the draft itself needs none', async () => {
    const s = await serverWith({});
    const res = await polish(s);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('no_provider');
    expect(body.error.message).toMatch(/OPENAI_API_KEY/);
    const draft = await fetch(`${s.url}/api/incidents/inc-7/postmortem?format=md`);
    expect(draft.status).toBe(200);
    expect(await draft.text()).toContain('# Postmortem: Error rate');
  });

  it('refuses an unknown incident and unknown body fields', async () => {
    const s = await serverWith({ OPENAI_BASE_URL: sim.baseURL, OPENAI_API_KEY: 'test' });
    const missing = await fetch(`${s.url}/api/incidents/nope/postmortem/polish`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(missing.status).toBe(404);
    expect((await polish(s, { temperature: 2 })).status).toBe(400);
  });
});
