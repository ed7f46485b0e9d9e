import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Span } from '@glassbox/core/model';
import { createServer } from '@glassbox/server';
import { findScenario, runScenario, type RunningSimulator } from '@glassbox/simulator';
import { openStorage } from '@glassbox/store';

/** A scenario's traces stored in a data directory, and its simulator still in the incident state. */
export interface ReplayScenario {
  dataDir: string;
  sim: RunningSimulator;
  /** An incident trace with a finding, and its LLM span. */
  bad: { traceId: string; spanId: string };
  /** A healthy trace asking the same question when one does, else the first healthy one. */
  good: { traceId: string; spanId: string };
  close(): Promise<void>;
}

const question = (spans: Span[]) =>
  spans.find((s) => s.kind === 'llm')?.inputMessages.find((m) => m.role === 'user')?.content;

/**
 * Runs a simulator scenario into SQLite through the real OTLP path, then picks a failing and a
 * good trace. Identical requests vary afterwards, so replay trials are independent draws.
 */
export async function replayScenario(
  name: string,
  requests = { healthy: 12, incident: 12 },
): Promise<ReplayScenario> {
  const dataDir = mkdtempSync(join(tmpdir(), `glassbox-replay-${name}-`));
  const storage = await openStorage({ dataDir });
  const server = await createServer({
    storage,
    host: '127.0.0.1',
    port: 0,
    detection: { enabled: false },
  });
  let sim: RunningSimulator | undefined;
  try {
    const run = await runScenario(findScenario(name), {
      endpoint: server.url,
      seed: 3,
      healthyRequests: requests.healthy,
      incidentRequests: requests.incident,
      keepSimulator: true,
    });
    await server.close();
    sim = run.simulator!;
    sim.setConfig({ varyByRequestCounter: true });
    const load = async (id: string) => (await storage.traces.getTrace('default', id))?.spans ?? [];
    let bad: { traceId: string; spans: Span[] } | undefined;
    for (const traceId of run.groundTruth.incident.traceIds) {
      const findings = await storage.traces.getFindings('default', traceId);
      if (findings.some((f) => run.groundTruth.expectedCategories.includes(f.category))) {
        bad = { traceId, spans: await load(traceId) };
        break;
      }
    }
    if (!bad) throw new Error(`scenario ${name} produced no failing trace`);
    const healthy = await Promise.all(
      run.groundTruth.healthy.traceIds.map(async (traceId) => ({
        traceId,
        spans: await load(traceId),
      })),
    );
    const good = healthy.find((h) => question(h.spans) === question(bad.spans)) ?? healthy[0]!;
    const llm = (spans: Span[]) => spans.filter((s) => s.kind === 'llm').at(-1)!.spanId;
    await storage.close();
    const kept = sim;
    return {
      dataDir,
      sim: kept,
      bad: { traceId: bad.traceId, spanId: llm(bad.spans) },
      good: { traceId: good.traceId, spanId: llm(good.spans) },
      close: () => kept.close(),
    };
  } catch (error) {
    await server.close().catch(() => undefined);
    await storage.close().catch(() => undefined);
    await sim?.close();
    throw error;
  }
}
