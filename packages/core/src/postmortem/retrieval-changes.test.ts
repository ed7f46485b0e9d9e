import { describe, expect, it } from 'vitest';
import { doc, retrieverSpan, rootSpan } from '../../test/corpus/span-factory.js';
import type { TraceRow } from './postmortem-evidence.js';
import { rankChanges } from './rank-changes.js';
import {
  retrievalChanges,
  retrievalSighting,
  type RetrievalSighting,
} from './retrieval-changes.js';

const MIN = 60_000;
const T = Date.UTC(2026, 2, 1);
const ONSET = T + 60 * MIN;
const window = { fromMs: T, toMs: T + 120 * MIN, onsetMs: ONSET };
const traceId = (i: number) => i.toString(16).padStart(32, '0');

/** A trace at minute `minute` that retrieved `ids` from index `version`, ingested at `ingestedAtMs`. */
function sighting(minute: number, version: string, ingestedAtMs: number, ids = ['a', 'b']) {
  const spans = [
    rootSpan('q', 'a'),
    retrieverSpan(
      'r1',
      'q',
      ids.map((id) => doc(`${version}/${id}`, 'text', 0.8, { ingestedAtMs })),
      { versions: { index: version } },
    ),
  ];
  return retrievalSighting(traceId(minute), T + minute * MIN, spans)!;
}

describe('retrievalSighting', () => {
  it('reads ingestion times and the index version, from document metadata before the span', () => {
    const spans = [
      retrieverSpan(
        'r1',
        'q',
        [
          doc('d1', 'x', 0.9, { ingestedAtMs: T, metadata: { index_version: 'v9' } }),
          doc('d2', 'y', 0.8, { ingestedAtMs: T + MIN }),
        ],
        { versions: { index: 'v8' } },
      ),
    ];
    expect(retrievalSighting(traceId(1), T, spans)?.documents).toEqual([
      { id: 'd1', indexVersion: 'v9', ingestedAtMs: T },
      { id: 'd2', indexVersion: 'v8', ingestedAtMs: T + MIN },
    ]);
    expect(retrievalSighting(traceId(1), T, [rootSpan('q', 'a')])).toBeUndefined();
  });
});

describe('retrievalChanges', () => {
  const old = T - 30 * 24 * 60 * MIN;
  const reindexAt = ONSET - 2 * MIN;
  const sightings: RetrievalSighting[] = [
    sighting(5, 'v1', old),
    sighting(30, 'v1', old),
    sighting(62, 'v2', reindexAt),
    sighting(90, 'v2', reindexAt, ['a', 'c']),
  ];

  it('dates a new index version by its documents’ ingestion, with the first trace retrieving it', () => {
    expect(retrievalChanges(sightings, window)).toEqual([
      {
        atMs: reindexAt,
        kind: 'version',
        text: `index version "v1" → "v2": 3 retrieved documents ingested ${new Date(reindexAt).toISOString()}`,
        offsetMs: -2 * MIN,
        links: [
          { kind: 'version', id: 'index=v2', label: 'index v2' },
          { kind: 'trace', id: traceId(62), label: 'first trace retrieving it' },
        ],
      },
    ]);
  });

  it('names a document batch ingested in the window into the same index version', () => {
    const batchAt = T + 40 * MIN;
    const items = retrievalChanges(
      [sighting(5, 'v1', old), sighting(45, 'v1', batchAt, ['new-policy'])],
      window,
    );
    expect(items).toEqual([
      {
        atMs: batchAt,
        kind: 'documents',
        text: `document batch ingested ${new Date(batchAt).toISOString()}: 1 retrieved document of index v1`,
        offsetMs: batchAt - ONSET,
        links: [{ kind: 'trace', id: traceId(45), label: 'first trace retrieving it' }],
      },
    ]);
  });

  it('finds nothing when the index and its documents predate the window, or nothing was retrieved', () => {
    expect(retrievalChanges([sighting(5, 'v1', old), sighting(80, 'v1', old)], window)).toEqual([]);
    // Ingested in the window but before its first retrieval: the index as traffic found it.
    const beforeTraffic = T + 2 * MIN;
    expect(
      retrievalChanges(
        [sighting(5, 'v1', beforeTraffic), sighting(80, 'v1', beforeTraffic)],
        window,
      ),
    ).toEqual([]);
    expect(retrievalChanges([], window)).toEqual([]);
  });

  it('replaces the version shift of the same index version in the ranked changes', () => {
    const row = (minute: number, index: string): TraceRow => ({
      traceId: traceId(minute),
      startMs: T + minute * MIN,
      models: [],
      categories: [],
      versions: { index },
      status: 'ok',
    });
    const rows = [row(5, 'v1'), row(30, 'v1'), row(62, 'v2'), row(90, 'v2')];
    const ranked = rankChanges([], rows, ONSET, retrievalChanges(sightings, window));
    expect(ranked.map((c) => c.text)).toEqual([
      `index version "v1" → "v2": 3 retrieved documents ingested ${new Date(reindexAt).toISOString()}`,
    ]);
    expect(rankChanges([], rows, ONSET).map((c) => c.text)).toEqual(['index version "v1" → "v2"']);
  });
});
