import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findScenario } from '../src/scenarios/incident-scenarios.js';
import { runScenario } from '../src/scenarios/run-scenario.js';
import { startGlassbox } from './support/stored-traces.js';

let glassbox: Awaited<ReturnType<typeof startGlassbox>>;
let dir: string;
beforeAll(async () => {
  glassbox = await startGlassbox();
  dir = mkdtempSync(join(tmpdir(), 'glassbox-scenario-'));
});
afterAll(async () => {
  await glassbox.server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('runScenario', () => {
  it('writes the ground truth record and reports progress through both phases', async () => {
    const phases: string[] = [];
    const run = await runScenario(findScenario('cost-spike'), {
      endpoint: glassbox.server.url,
      seed: 2,
      healthyRequests: 3,
      incidentRequests: 3,
      dataDir: dir,
      onProgress: (p) => {
        if (phases.at(-1) !== p.phase) phases.push(p.phase);
      },
    });
    expect(phases).toEqual(['setup', 'healthy', 'incident', 'done']);
    expect(run.groundTruthPath).toBe(join(dir, 'ground-truth', 'cost-spike-seed2.json'));
    const stored = JSON.parse(readFileSync(run.groundTruthPath!, 'utf8')) as unknown;
    expect(stored).toEqual(run.groundTruth);
    expect(run.groundTruth).toMatchObject({
      scenario: 'cost-spike',
      completed: true,
      failingLayer: 'generation',
      serviceName: 'brightpath-cost-spike',
    });
    expect(run.groundTruth.incident.traceIds).toHaveLength(3);
    expect(run.groundTruth.changes[0]).toMatch(/gpt-4o/);
  });

  it('stops at once on an aborted signal and marks the record incomplete', async () => {
    const run = await runScenario(findScenario('cost-spike'), {
      endpoint: glassbox.server.url,
      signal: AbortSignal.abort(),
    });
    expect(run.groundTruth.completed).toBe(false);
    expect(run.groundTruth.healthy.requests + run.groundTruth.incident.requests).toBe(0);
  });

  it('rejects a speed that is not positive', async () => {
    await expect(
      runScenario(findScenario('cost-spike'), { endpoint: glassbox.server.url, speed: 0 }),
    ).rejects.toThrow(/speed must be positive/);
  });
});
