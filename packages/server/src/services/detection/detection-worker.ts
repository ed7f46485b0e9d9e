import { parentPort, threadId, workerData } from 'node:worker_threads';
import { openStorage } from '@glassbox/store';
import { DetectionJob } from './detection-job.js';
import type { DetectionThreadData, DetectionThreadMessage } from './detection-thread.js';

// The detection job on its own thread and database connection: its reads, detectors and
// webhooks never delay the event loop that acknowledges ingest.
const { location, settings } = workerData as DetectionThreadData;
const port = parentPort!;
const post = (message: DetectionThreadMessage) => port.postMessage(message);
const describe = (error: unknown) =>
  error instanceof Error ? (error.stack ?? error.message) : String(error);

try {
  const storage = await openStorage(location);
  const job = new DetectionJob(storage, {
    ...settings,
    onError: (error) => post({ type: 'error', message: describe(error) }),
  });
  port.on('message', (message: unknown) => {
    if (message !== 'stop') return;
    void job
      .stop()
      .then(() => storage.close())
      .finally(() => {
        post({ type: 'stopped' });
        port.close();
      });
  });
  try {
    await job.start();
    post({ type: 'ready', threadId });
  } catch (error) {
    await storage.close();
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    port.close();
  }
} catch (error) {
  post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  port.close();
}
