import { failureClassifier } from '@glassbox/core/ingest';
import type { Span } from '@glassbox/core/model';
import { makeSpan } from '@glassbox/core/testing';
import { createServer, type GlassboxServer } from '@glassbox/server';
import { startSimulator, type RunningSimulator } from '@glassbox/simulator';
import { createMemoryStorage, type Storage } from '@glassbox/store';
import { afterAll, afterEach, beforeAll } from 'vitest';

export const T0 = Date.UTC(2026, 0, 1);
export const ONSET = T0 + 200 * 10_000;
export const INCIDENT_ID = 'inc-7';

/**
 * 300 one-span requests, 10 s apart: 200 healthy, then 100 where every third one is rate
 * limited; `versionsOf` gives each request's version snapshot.
 */
export function incidentRequests(
  versionsOf: (i: number) => Record<string, string> = () => ({}),
): Span[] {
  return Array.from({ length: 300 }, (_, i) => ({ ...request(i), versions: versionsOf(i) }));
}

function request(i: number): Span {
  const fails = i >= 200 && i % 3 === 0;
  return makeSpan({
    projectId: 'default',
    traceId: (i + 1).toString(16).padStart(32, '0'),
    spanId: (i + 1).toString(16).padStart(16, '0'),
    name: 'chat',
    kind: 'llm',
    startMs: T0 + i * 10_000,
    durationMs: 400,
    status: fails ? 'error' : 'ok',
    ...(fails ? { statusMessage: '429 Too Many Requests: rate limit exceeded' } : {}),
    responseModel: 'gpt-4o-2024-08-06',
    inputMessages: [{ role: 'user', content: `question ${i}` }],
    outputMessages: [{ role: 'assistant', content: fails ? '' : `answer ${i}` }],
    usage: { input: 10, output: 5 },
    scope: { name: 'test' },
  });
}

/**
 * A server over 300 stored requests (every third rate limited after the onset, when the
 * prompt moved from v7 to v8) and the incident `inc-7` over them; `env` configures the
 * replay providers (the simulator's URL, or none).
 */
export async function incidentServer(
  env: Record<string, string>,
): Promise<{ server: GlassboxServer; storage: Storage }> {
  const storage = createMemoryStorage();
  const spans = incidentRequests((i) => ({ prompt: i < 200 ? 'v7' : 'v8' }));
  await storage.traces.writeSpans(spans, { classifier: failureClassifier(new Map()) });
  await storage.detection.putIncident({
    id: INCIDENT_ID,
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
  const server = await createServer({ storage, host: '127.0.0.1', port: 0, replay: { env } });
  return { server, storage };
}

/** POSTs `body` as JSON to `path` on the server. */
export const postJson = (server: GlassboxServer, path: string, body: object) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/**
 * Registers the suite's hooks: one simulator (the replay provider) for the file, and each
 * test's server closed after it. `open(env)` starts an incident server; `simulated()` is the
 * env that points replay at the simulator.
 */
export function simulatedIncidentServers(seed: number) {
  let sim: RunningSimulator;
  let server: GlassboxServer | undefined;
  beforeAll(async () => {
    sim = await startSimulator({ seed });
  });
  afterAll(() => sim.close());
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  return {
    simulated: () => ({ OPENAI_BASE_URL: sim.baseURL, OPENAI_API_KEY: 'test' }),
    async open(env: Record<string, string>) {
      const opened = await incidentServer(env);
      server = opened.server;
      return opened;
    },
  };
}
