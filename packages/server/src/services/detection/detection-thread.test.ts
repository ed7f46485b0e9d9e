import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { createMemoryStorage, openStorage, type Storage } from '@glassbox/store';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../build-app.js';
import { requestSpan } from '../../../test/support/request-span.js';
import { detectionRunsOnThread } from './detection-plugin.js';
import { startDetectionThread } from './detection-thread.js';

const T0 = Date.UTC(2026, 0, 1);
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function sqlite(): Promise<{ storage: Storage; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'gbx-detect-thread-'));
  const storage = await openStorage({ dataDir: dir });
  cleanups.push(
    () => rmSync(dir, { recursive: true, force: true }),
    () => storage.close(),
  );
  return { storage, dir };
}

const monitorsFile = (dir: string, text: string) => {
  const file = join(dir, 'monitors.yaml');
  writeFileSync(file, text);
  return file;
};

describe('detection on a worker thread', () => {
  it('files alerts for spans ingest wrote, from its own thread and connection', async () => {
    const { storage, dir } = await sqlite();
    const file = monitorsFile(
      dir,
      `monitors:\n  - id: errors\n    metric: error_rate\n    detector: bernoulli_cusum\n    params: { p0: 0.05, h: 3 }\n`,
    );
    const errors: Error[] = [];
    const thread = await startDetectionThread(
      storage.location!,
      { intervalMs: 30, settleMs: 0, monitorsFile: file },
      (e) => errors.push(e),
    );
    cleanups.push(() => thread.stop());
    expect(thread.threadId).not.toBe(threadId);
    await storage.traces.writeSpans(
      Array.from({ length: 60 }, (_, i) => requestSpan(i + 1, T0 + i * 1000, { error: i >= 30 })),
    );
    let alerts: { monitorId: string }[] = [];
    for (let i = 0; i < 300 && alerts.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 30));
      alerts = await storage.detection.listAlerts({ projectId: 'default', limit: 10 });
    }
    expect(alerts).toMatchObject([{ monitorId: 'errors', status: 'open' }]);
    expect(errors).toEqual([]);
  });

  it('refuses to start with the job own message for an invalid monitors file', async () => {
    const { storage, dir } = await sqlite();
    const file = monitorsFile(
      dir,
      `monitors:\n  - id: errors\n    metric: error_rate\n    detector: cusum\n`,
    );
    await expect(
      startDetectionThread(storage.location!, { monitorsFile: file }, () => {}),
    ).rejects.toThrow(/monitors\.yaml:4: monitors\[0\]\.detector: must be one of/);
  });

  it('is how the server runs detection over SQLite, and stops with the server', async () => {
    const { storage, dir } = await sqlite();
    const file = monitorsFile(
      dir,
      `monitors:\n  - id: errors\n    metric: error_rate\n    detector: cusum\n`,
    );
    const app = await buildApp({
      storage,
      host: '127.0.0.1',
      port: 0,
      detection: { monitorsFile: file },
    });
    // The worker's refusal reaches the server start, as the in-process job's would.
    await expect(app.ready()).rejects.toThrow(/monitors\[0\]\.detector: must be one of/);
    await app.close();
  });

  it('stays in-process where it cannot cross a thread', () => {
    const memory = createMemoryStorage();
    expect(detectionRunsOnThread(memory, {}, false)).toBe(false);
    const reopenable = { ...memory, location: { dataDir: '/tmp/x' } } as Storage;
    expect(detectionRunsOnThread(reopenable, {}, false)).toBe(true);
    expect(detectionRunsOnThread(reopenable, { thread: false }, false)).toBe(false);
    expect(detectionRunsOnThread(reopenable, {}, true)).toBe(false);
    expect(detectionRunsOnThread(reopenable, { fetch }, false)).toBe(false);
  });
});
