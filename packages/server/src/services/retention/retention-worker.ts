import { parentPort, workerData } from 'node:worker_threads';
import { openStorage } from '@glassbox/store';
import { RetentionSweeper, type WriteTurn } from './retention-sweeper.js';
import type {
  RetentionThreadCommand,
  RetentionThreadData,
  RetentionThreadMessage,
} from './retention-thread.js';

// The retention sweep on its own thread and database connection.
const { location, settings } = workerData as RetentionThreadData;
const port = parentPort!;
const post = (message: RetentionThreadMessage) => port.postMessage(message);
const describe = (error: unknown) =>
  error instanceof Error ? (error.stack ?? error.message) : String(error);

// Each batch waits for the parent to grant a write turn between two ingest commits.
const granted = new Map<number, () => void>();
let turns = 0;
const writeTurn: WriteTurn = async (work) => {
  const id = turns++;
  await new Promise<void>((resolve) => {
    granted.set(id, resolve);
    post({ type: 'turn', id });
  });
  try {
    return await work();
  } finally {
    post({ type: 'turn-done', id });
  }
};

try {
  const storage = await openStorage(location);
  const sweeper = new RetentionSweeper(storage, {
    ...settings,
    writeTurn,
    onError: (error) => post({ type: 'error', message: describe(error) }),
    onSweep: (result) => {
      if (result.tracesDeleted + result.tracesCleared > 0) post({ type: 'swept', result });
    },
  });
  port.on('message', (message: RetentionThreadCommand) => {
    if (message !== 'stop') {
      granted.get(message.id)?.();
      granted.delete(message.id);
      return;
    }
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
