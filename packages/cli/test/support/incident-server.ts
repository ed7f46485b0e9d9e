import { failureClassifier } from '@glassbox/core/ingest';
import { rateLimitedTraffic, rateLimitIncident } from '@glassbox/core/testing';
import { createServer, type GlassboxServer } from '@glassbox/server';
import { startSimulator, type RunningSimulator } from '@glassbox/simulator';
import { createMemoryStorage, type Storage } from '@glassbox/store';
import { afterAll, afterEach, beforeAll } from 'vitest';

export const T0 = Date.UTC(2026, 0, 1);
export const ONSET = T0 + 200 * 10_000;
export const INCIDENT_ID = 'inc-7';

/** The stored traffic of the incident (see `rateLimitedTraffic`). */
export const incidentRequests = (versionsOf?: (i: number) => Record<string, string>) =>
  rateLimitedTraffic(T0, versionsOf);

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
  await storage.detection.putIncident(
    rateLimitIncident(INCIDENT_ID, T0, [
      { atMs: ONSET + 1000, type: 'version_change', message: 'prompt version "v7" → "v8"' },
    ]),
  );
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
