import type { Span } from '@glassbox/core/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findScenario } from '../src/scenarios/incident-scenarios.js';
import { runScenario } from '../src/scenarios/run-scenario.js';
import { startGlassbox, storedTraces } from './support/stored-traces.js';

let glassbox: Awaited<ReturnType<typeof startGlassbox>>;
beforeAll(async () => {
  glassbox = await startGlassbox();
});
afterAll(() => glassbox.server.close());

/** What a run stored, without what legitimately varies: wall durations and provider request ids. */
function content(span: Span) {
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId ?? null,
    name: span.name,
    kind: span.kind,
    input: span.input ?? null,
    output: span.output ?? null,
    responseModel: span.responseModel ?? null,
    usage: span.usage,
    inputMessages: span.inputMessages,
    outputMessages: span.outputMessages,
    documents: span.documents,
    metadata: span.metadata,
    sessionId: span.sessionId ?? null,
    userId: span.userId ?? null,
  };
}

async function storedRun(seed: number) {
  const { groundTruth } = await runScenario(findScenario('sampling-change'), {
    endpoint: glassbox.server.url,
    seed,
    healthyRequests: 6,
    incidentRequests: 6,
  });
  const ids = [...groundTruth.healthy.traceIds, ...groundTruth.incident.traceIds];
  const traces = await storedTraces(glassbox.storage, ids);
  const bySpanId = (a: { spanId: string }, b: { spanId: string }) =>
    a.spanId.localeCompare(b.spanId);
  return { groundTruth, spans: traces.map((t) => t.map(content).sort(bySpanId)) };
}

describe('reproducible traffic', () => {
  it('the same seed stores the same traces, ids included; another seed does not', async () => {
    const first = await storedRun(21);
    expect(first.spans.flat().length).toBeGreaterThan(20);
    // The second run's spans land in the same store under the same ids (writes are idempotent),
    // so compare what each run reported and what it stored right after it.
    const second = await storedRun(21);
    expect(second.groundTruth.healthy.traceIds).toEqual(first.groundTruth.healthy.traceIds);
    expect(second.groundTruth.incident.traceIds).toEqual(first.groundTruth.incident.traceIds);
    expect(second.groundTruth.onsetMs).toBe(first.groundTruth.onsetMs);
    expect(second.spans).toEqual(first.spans);
    const other = await storedRun(22);
    expect(other.groundTruth.healthy.traceIds).not.toEqual(first.groundTruth.healthy.traceIds);
    expect(other.spans.map((t) => t.map((s) => s.input))).not.toEqual(
      first.spans.map((t) => t.map((s) => s.input)),
    );
  });
});
