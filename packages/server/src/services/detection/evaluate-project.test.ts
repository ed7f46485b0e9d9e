import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkMonitor } from '@glassbox/core/detect';
import { makeObservation } from '@glassbox/core/testing';
import {
  createMemoryStorage,
  dropPostgresSchema,
  openStorage,
  type DetectionStore,
  type MonitorStore,
  type Storage,
} from '@glassbox/store';
import { afterEach, describe, expect, it } from 'vitest';
import { AlertNotifier } from '../notify/alert-notifier.js';
import { DETECTION_DEFAULTS } from './detection-options.js';
import { evaluateProject, type ProjectEvaluation } from './evaluate-project.js';

const DATABASE_URL =
  process.env.GLASSBOX_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const T0 = Date.UTC(2026, 0, 1);
const MONITORS = ['errors-a', 'errors-b'];

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const backends: [string, () => Promise<Storage>][] = [
  ['memory', async () => createMemoryStorage()],
  [
    'sqlite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'gbx-evaluate-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      return openStorage({ dataDir: dir });
    },
  ],
  [
    'postgres',
    async () => {
      const schema = `test_evaluate_${randomBytes(5).toString('hex')}`;
      cleanups.push(() => dropPostgresSchema(DATABASE_URL, schema));
      return openStorage({ databaseUrl: DATABASE_URL, schema });
    },
  ],
];

/** Two monitors that both open an alert (and file an incident) on the same error burst. */
async function storageWithBurst(open: () => Promise<Storage>): Promise<Storage> {
  const storage = await open();
  cleanups.push(() => storage.close());
  for (const id of MONITORS) {
    await storage.detection.putMonitor({
      projectId: 'default',
      definition: checkMonitor({
        id,
        metric: 'error_rate',
        detector: 'bernoulli_cusum',
        params: { p0: 0.05, h: 3, resolveAfter: 1000 },
        severity: 'error',
        notify: [{ type: 'webhook', url: `http://hooks.test/${id}` }],
      }),
      origin: 'api',
      updatedAtMs: 0,
    });
  }
  await storage.detection.putObservations(
    Array.from({ length: 600 }, (_, i) =>
      makeObservation({
        projectId: 'default',
        traceId: `t${String(i).padStart(4, '0')}`,
        eventMs: T0 + i * 1000,
        error: i % 40 === 0 || (i >= 300 && i < 340),
      }),
    ),
  );
  return storage;
}

/** Runs one project's evaluation, recording the notifications it sends. */
async function evaluate(store: DetectionStore) {
  const sent: string[] = [];
  const notifier = new AlertNotifier({
    fetch: async (url) => {
      sent.push(String(url));
      return new Response('ok');
    },
  });
  let result: ProjectEvaluation | undefined;
  let error: unknown;
  try {
    result = await evaluateProject(store, 'default', [], {
      graceMs: DETECTION_DEFAULTS.graceMs,
      notifier,
      notify: [],
    });
  } catch (thrown) {
    error = thrown;
  }
  await notifier.flush();
  return { result, error, sent };
}

/** What a tick left in the store: alerts, incidents, and each monitor's progress. */
async function written(storage: Storage) {
  const { detection } = storage;
  return {
    alerts: await detection.listAlerts({ projectId: 'default', limit: 100 }),
    incidents: await detection.listIncidents({ projectId: 'default', limit: 100 }),
    progress: await Promise.all(
      MONITORS.map(async (id) => (await detection.getMonitor('default', id))?.progress ?? null),
    ),
  };
}

for (const [name, open] of backends) {
  describe(`evaluateProject writes a tick atomically (${name})`, () => {
    it('commits the alerts, the incident and every monitor’s progress of a tick, then notifies', async () => {
      const storage = await storageWithBurst(open);
      const { result, sent } = await evaluate(storage.detection);
      expect(result?.opened).toHaveLength(2);
      const after = await written(storage);
      expect(after.alerts.map((a) => a.monitorId).sort()).toEqual(MONITORS);
      expect(after.incidents).toHaveLength(1);
      expect(after.progress.every((p) => p !== null)).toBe(true);
      expect(sent.sort()).toEqual(MONITORS.map((id) => `http://hooks.test/${id}`));
    });

    it('leaves no alert, incident or progress when the commit fails half way', async () => {
      const storage = await storageWithBurst(open);
      const failing: DetectionStore = {
        ...storage.detection,
        // Alerts and incidents are written in the transaction before progress fails.
        transaction: (work) =>
          storage.detection.transaction(({ alerts, monitors }) =>
            work({ alerts, monitors: failingProgress(monitors) }),
          ),
      };
      const { error, sent } = await evaluate(failing);
      expect(error).toEqual(new Error('disk full'));
      expect(await written(storage)).toEqual({ alerts: [], incidents: [], progress: [null, null] });
      expect(sent).toEqual([]);
    });

    it('leaves nothing of the monitors already evaluated when a later one fails', async () => {
      const storage = await storageWithBurst(open);
      let reads = 0;
      const failing: DetectionStore = {
        ...storage.detection,
        listObservations: async (query) => {
          if (++reads > 1) throw new Error('connection lost');
          return storage.detection.listObservations(query);
        },
      };
      const { error, sent } = await evaluate(failing);
      expect(error).toEqual(new Error('connection lost'));
      expect(await written(storage)).toEqual({ alerts: [], incidents: [], progress: [null, null] });
      expect(sent).toEqual([]);
    });
  });
}

/** The monitor store of a transaction, except that saving progress fails. */
function failingProgress(monitors: MonitorStore): MonitorStore {
  return Object.assign(Object.create(monitors) as MonitorStore, {
    saveMonitorProgress: async () => {
      throw new Error('disk full');
    },
  });
}
