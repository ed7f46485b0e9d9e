import { failureClassifier } from '@glassbox/core/ingest';
import type { ChangeItem } from '@glassbox/core/postmortem';
import { createServer, type GlassboxServer } from '@glassbox/server';
import { findScenario, runScenario, type GroundTruth } from '@glassbox/simulator';
import { createMemoryStorage, type Storage } from '@glassbox/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let server: GlassboxServer;
let storage: Storage;
let truth: GroundTruth;
const INCIDENT = 'inc-chunking';

/** The bad-chunking scenario through the simulator's RAG bot into Glassbox, then its incident. */
beforeAll(async () => {
  storage = createMemoryStorage();
  server = await createServer({
    storage,
    host: '127.0.0.1',
    port: 0,
    detection: { enabled: false },
  });
  ({ groundTruth: truth } = await runScenario(findScenario('bad-chunking'), {
    endpoint: server.url,
    seed: 3,
    healthyRequests: 16,
    incidentRequests: 16,
  }));
  const last = truth.incident.traceIds.at(-1)!;
  for (let i = 0; i < 100 && !(await storage.traces.getTrace('default', last)); i++)
    await new Promise((r) => setTimeout(r, 20));
  // Detection opens the incident at the first failing request, minutes after the re-index.
  await storage.detection.putIncident({
    id: INCIDENT,
    projectId: 'default',
    title: 'Ungrounded answers',
    severity: 'error',
    status: 'open',
    openedAtMs: truth.incident.fromMs,
    updatedAtMs: truth.incident.toMs,
    alertIds: [],
    timeline: [],
  });
}, 120_000);
afterAll(() => server.close());

const getJson = async (path: string) => (await fetch(`${server.url}${path}`)).json();

describe('an index re-ingested before the incident (bad-chunking through the simulator)', () => {
  it('ranks the new index version first in the postmortem, dated by the ingestion in the retrieval metadata', async () => {
    const draft = (await getJson(`/api/incidents/${INCIDENT}/postmortem?format=json`)) as {
      changes: ChangeItem[];
    };
    const top = draft.changes[0];
    expect(top?.text).toBe(
      `index version "v1" → "v2-fixed-90": ${top?.text.match(/(\d+) retrieved/)?.[1]} retrieved documents ingested ${new Date(truth.onsetMs).toISOString()}`,
    );
    expect(top).toMatchObject({ kind: 'version', atMs: truth.onsetMs });
    expect(top?.links[0]).toEqual({
      kind: 'version',
      id: 'index=v2-fixed-90',
      label: 'index v2-fixed-90',
    });
    expect(truth.incident.traceIds).toContain(top?.links[1]?.id);
    // The same change is not listed twice (once from the version snapshots of the traces).
    expect(draft.changes.filter((c) => c.text.includes('v2-fixed-90'))).toHaveLength(1);
  });

  it('puts the re-index on the incident timeline as a change event', async () => {
    const { items } = (await getJson(`/api/incidents/${INCIDENT}/timeline`)) as {
      items: { atMs: number; source: string; kind: string; text: string }[];
    };
    const reindex = items.find((e) => e.text.includes('"v2-fixed-90"'));
    expect(reindex).toMatchObject({
      atMs: truth.onsetMs,
      source: 'change',
      kind: 'version_change',
    });
  });

  it('names a document batch ingested in the window into the live index', async () => {
    // A policy page re-ingested into v1 shortly before the onset of a second incident window.
    const batchAt = truth.onsetMs - 10 * 60_000;
    const base = (await storage.traces.getTrace('default', truth.healthy.traceIds.at(-1)!))!;
    const spans = base.spans.map((s) => ({
      ...s,
      traceId: 'f'.repeat(32),
      startMs: batchAt + 60_000,
      startTimeUnixNano: `${BigInt(batchAt + 60_000) * 1_000_000n}`,
      endTimeUnixNano: `${BigInt(batchAt + 60_000 + s.durationMs) * 1_000_000n}`,
      documents: s.documents.map((d) => ({ ...d, ingestedAtMs: batchAt })),
    }));
    await storage.traces.writeSpans(spans, { classifier: failureClassifier(new Map()) });
    const draft = (await getJson(`/api/incidents/${INCIDENT}/postmortem?format=json`)) as {
      changes: ChangeItem[];
    };
    const batch = draft.changes.find((c) => c.kind === 'documents' && c.atMs === batchAt);
    expect(batch?.text).toMatch(
      /^document batch ingested .*: \d+ retrieved documents? of index v1$/,
    );
    expect(batch?.links[0]).toMatchObject({ kind: 'trace', id: 'f'.repeat(32) });
  });
});
