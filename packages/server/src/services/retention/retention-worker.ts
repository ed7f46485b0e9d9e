import { parentPort, workerData } from 'node:worker_threads';
import { openStorage } from '@glassbox/store';
import { RetentionSweeper } from './retention-sweeper.js';
import type { RetentionThreadData, RetentionThreadMessage } from './retention-thread.js';

// The retention sweep on its own thread and database connection.
const { location, settings } = workerData as RetentionThreadData;
const port = parentPort!;
const post = (message: RetentionThreadMessage) => port.postMessage(message);
const describe = (error: unknown) =>
  error instanceof Error ? (error.stack ?? error.message) : String(error);

try {
  const storage = await openStorage(location);
  const sweeper = new RetentionSweeper(storage, {
    ...settings,
    onError: (error) => post({ type: 'error', message: describe(error) }),
    onSweep: (result) => {
      if (result.tracesDeleted + result.tracesCleared > 0) post({ type: 'swept', result });
    },
  });
  port.on('message', (message: unknown) => {
    if (message !== 'stop') return;
    void sweeper
      .stop()
      .then(() => storage.close())
      .finally(() => {
        post({ type: 'stopped' });
        port.close();
      });
  });
  sweeper.start();
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'failed', message: describe(error) });
  port.close();
}
