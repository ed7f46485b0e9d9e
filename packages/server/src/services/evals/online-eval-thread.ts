import { Worker } from 'node:worker_threads';
import type { StorageOptions } from '@glassbox/store';
import type { OnlineEvalOptions } from './online-eval-job.js';

export type ThreadedOnlineEvalOptions = Omit<OnlineEvalOptions, 'onError' | 'services'>;

export interface OnlineEvalThreadData {
  location: StorageOptions;
  settings: ThreadedOnlineEvalOptions;
}

export type OnlineEvalThreadMessage =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'error'; message: string }
  | { type: 'stopped' };

// The compiled worker, reached the same way from src/ (tests) and dist/: a worker thread
// cannot load TypeScript.
const WORKER_FILE = new URL('../../../dist/services/evals/online-eval-worker.js', import.meta.url);
const STOP_TIMEOUT_MS = 30_000;

/**
 * Starts the online evaluator on a worker thread with its own storage connection, so grading
 * never runs on the event loop that acknowledges ingest. Resolves once it runs.
 *
 * @example
 * const stop = await startOnlineEvalThread(storage.location!, {}, log);
 * await stop();
 */
export function startOnlineEvalThread(
  location: StorageOptions,
  settings: ThreadedOnlineEvalOptions,
  onError: (error: Error) => void,
): Promise<() => Promise<void>> {
  const worker = new Worker(WORKER_FILE, { workerData: { location, settings } });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let stopped: (() => void) | undefined;
  return new Promise((resolve, reject) => {
    worker.on('message', (message: OnlineEvalThreadMessage) => {
      if (message.type === 'ready')
        resolve(async () => {
          const done = new Promise<void>((r) => (stopped = r));
          worker.postMessage('stop');
          const timer = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
          await Promise.race([done, exited]);
          clearTimeout(timer);
          await exited;
        });
      else if (message.type === 'failed') reject(new Error(message.message));
      else if (message.type === 'error') onError(new Error(message.message));
      else stopped?.();
    });
    worker.on('error', (error) => {
      onError(error);
      reject(error);
    });
  });
}
