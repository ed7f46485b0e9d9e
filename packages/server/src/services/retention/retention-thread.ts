import { Worker } from 'node:worker_threads';
import type { StorageOptions, SweepResult } from '@glassbox/store';
import type { RetentionOptions } from './retention-options.js';

export interface RetentionThreadData {
  location: StorageOptions;
  settings: RetentionOptions;
}

export type RetentionThreadMessage =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'error'; message: string }
  | { type: 'swept'; result: SweepResult }
  | { type: 'stopped' };

// The compiled worker, reached the same way from src/ (tests run the sources) and from dist/.
const WORKER_FILE = new URL(
  '../../../dist/services/retention/retention-worker.js',
  import.meta.url,
);

export interface RetentionThread {
  stop(): Promise<void>;
}

/**
 * Runs the retention sweep on a worker thread with its own database connection, so deleting
 * expired data never delays the event loop that acknowledges ingest.
 *
 * @example
 * const thread = await startRetentionThread(storage.location!, {}, log);
 */
export function startRetentionThread(
  location: StorageOptions,
  settings: RetentionOptions,
  onError: (error: Error) => void,
  onSweep: (result: SweepResult) => void = () => {},
): Promise<RetentionThread> {
  const worker = new Worker(WORKER_FILE, { workerData: { location, settings } });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return new Promise<RetentionThread>((resolve, reject) => {
    worker.on('message', (message: RetentionThreadMessage) => {
      if (message.type === 'ready') {
        resolve({
          stop: async () => {
            worker.postMessage('stop');
            const timer = setTimeout(() => void worker.terminate(), 30_000);
            await exited;
            clearTimeout(timer);
          },
        });
      } else if (message.type === 'failed') {
        reject(new Error(message.message));
      } else if (message.type === 'error') {
        onError(new Error(message.message));
      } else if (message.type === 'swept') {
        onSweep(message.result);
      }
    });
    worker.on('error', (error) => {
      onError(error);
      reject(error);
    });
  });
}
