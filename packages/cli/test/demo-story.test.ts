import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCENARIOS } from '@glassbox/simulator';
import type { GroundTruth } from '@glassbox/simulator';
import { openStorage } from '@glassbox/store';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/run-cli.js';
import { captureContext } from './support/capture-context.js';

// The README's demo, end to end: every scenario at maximum speed, then each one's incident
// must exist with a symptom alert, and the change alert where the scenario changes a model,
// prompt version or sampling parameters.
const CHANGE_DRIVEN = new Set([
  'cost-spike',
  'prompt-drift',
  'refusal-drop',
  'sampling-change',
  'agent-ping-pong',
]);

const dataDir = mkdtempSync(join(tmpdir(), 'glassbox-demo-story-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('glassbox demo --speed max, every scenario', () => {
  it(
    'opens one incident per scenario with its alerts, and prints the table',
    async () => {
      const io = captureContext({ cwd: dataDir });
      const code = await runCli(
        ['demo', '--speed', 'max', '--port', '0', '--data-dir', dataDir, '--exit'],
        io.context,
      );
      expect(io.stderr()).toBe('');
      expect(code).toBe(0);
      const out = io.stdout();
      expect(out).toContain(
        `Detection: ${SCENARIOS.length} of ${SCENARIOS.length} scenarios opened an incident`,
      );

      const truths = readdirSync(join(dataDir, 'ground-truth')).map(
        (f) => JSON.parse(readFileSync(join(dataDir, 'ground-truth', f), 'utf8')) as GroundTruth,
      );
      expect(truths.map((t) => t.scenario).sort()).toEqual(SCENARIOS.map((s) => s.name).sort());
      const storage = await openStorage({ dataDir });
      try {
        const incidents = await storage.detection.listIncidents({
          projectId: 'default',
          limit: 1000,
        });
        const alerts = await storage.detection.listAlerts({ projectId: 'default', limit: 10_000 });
        for (const truth of truths) {
          expect(truth.completed).toBe(true);
          // The first incident of the scenario's range: the one the demo's table names.
          const incident = [...incidents]
            .sort((a, b) => a.openedAtMs - b.openedAtMs)
            .find(
              (i) =>
                i.openedAtMs >= truth.onsetMs - 10 * 60_000 &&
                i.openedAtMs <= truth.incident.toMs + 30 * 60_000,
            );
          expect(incident, `${truth.scenario}: no incident`).toBeDefined();
          const own = alerts.filter((a) => incident!.alertIds.includes(a.id));
          expect(
            own.some((a) => !a.change),
            `${truth.scenario}: no symptom alert`,
          ).toBe(true);
          if (CHANGE_DRIVEN.has(truth.scenario)) {
            expect(
              own.some((a) => a.change),
              `${truth.scenario}: no change alert`,
            ).toBe(true);
          }
          expect(out).toContain(`/incidents/${encodeURIComponent(incident!.id)}`);
        }
      } finally {
        await storage.close();
      }
    },
    20 * 60_000,
  );
});
