import type { Finding } from '@glassbox/core/classify';
import type { Span } from '@glassbox/core/model';
import { findFailures } from '@glassbox/core/classify';
import { createServer, type GlassboxServer } from '@glassbox/server';
import { createMemoryStorage, type Storage } from '@glassbox/store';
import type { GroundTruth } from '../../src/scenarios/ground-truth.js';

/** A real Glassbox server on loopback over in-memory storage, for scenario tests. */
export async function startGlassbox(): Promise<{ server: GlassboxServer; storage: Storage }> {
  const storage = createMemoryStorage();
  const server = await createServer({ storage, host: '127.0.0.1', port: 0 });
  return { server, storage };
}

/** Spans of each listed trace, as stored by the server (waits for late writes). */
export async function storedTraces(
  storage: Storage,
  traceIds: readonly string[],
): Promise<Span[][]> {
  const out: Span[][] = [];
  for (const id of traceIds) {
    let detail = await storage.traces.getTrace('default', id);
    for (let i = 0; !detail && i < 50; i++) {
      await new Promise((r) => setTimeout(r, 20));
      detail = await storage.traces.getTrace('default', id);
    }
    if (!detail) throw new Error(`trace ${id} was not stored`);
    out.push(detail.spans);
  }
  return out;
}

export interface PhaseTraces {
  healthy: Span[][];
  incident: Span[][];
}

export async function phaseTraces(storage: Storage, truth: GroundTruth): Promise<PhaseTraces> {
  return {
    healthy: await storedTraces(storage, truth.healthy.traceIds),
    incident: await storedTraces(storage, truth.incident.traceIds),
  };
}

/** Share of traces in which `findFailures` reports the category. */
export function categoryShare(traces: readonly Span[][], category: string): number {
  if (traces.length === 0) return 0;
  const hits = traces.filter((spans) =>
    findFailures(spans).some((f: Finding) => f.category === category),
  );
  return hits.length / traces.length;
}

export function mean(values: readonly number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}
