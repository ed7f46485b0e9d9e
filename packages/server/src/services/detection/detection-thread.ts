import { Worker } from 'node:worker_threads';
import type { StorageOptions } from '@glassbox/store';
import type { DetectionOptions } from './detection-options.js';

/** The detection options that can cross to a worker thread (no functions). */
export type ThreadedDetectionOptions = Omit<DetectionOptions, 'onError' | 'fetch' | 'sleep'>;

export interface DetectionThreadData {
  location: StorageOptions;
  settings: ThreadedDetectionOptions;
}

export type DetectionThreadMessage =
  | { type: 'ready'; threadId: number }
  | { type: 'failed'; message: string }
  | { type: 'error'; message: string }
  | { type: 'stopped' };

export interface DetectionThread {
  readonly threadId: number;
  stop(): Promise<void>;
}

// The compiled worker, reached the same way from src/ (tests run the sources) and from dist/:
// a worker thread cannot load TypeScript.
const WORKER_FILE = new URL(
  '../../../dist/services/detection/detection-worker.js',
  import.meta.url,
);
const STOP_TIMEOUT_MS = 30_000;

/**
 * Starts the detection job on a worker thread with its own connection to the storage at
 * `location`. Resolves once the job started (the monitors file loaded), rejects with the
 * job's own message when it cannot start. Background failures go to `onError`.
 *
 * @example
 * const thread = await startDetectionThread(storage.location!, { intervalMs: 5000 }, log);
 * await thread.stop();
 */
export function startDetectionThread(
  location: StorageOptions,
  settings: ThreadedDetectionOptions,
  onError: (error: Error) => void,
): Promise<DetectionThread> {
  const data: DetectionThreadData = { location, settings };
  const worker = new Worker(WORKER_FILE, { workerData: data });
  let stopped: (() => void) | undefined;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return new Promise<DetectionThread>((resolve, reject) => {
    worker.on('message', (message: DetectionThreadMessage) => {
      if (message.type === 'ready') {
        resolve({
          threadId: message.threadId,
          stop: async () => {
            const done = new Promise<void>((r) => (stopped = r));
            worker.postMessage('stop');
            const timer = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
            await Promise.race([done, exited]);
            clearTimeout(timer);
            await exited;
          },
        });
      } else if (message.type === 'failed') {
        reject(new Error(message.message));
      } else if (message.type === 'error') {
        onError(new Error(message.message));
      } else {
        stopped?.();
      }
    });
    worker.on('error', (error) => {
      onError(error);
      reject(error);
    });
  });
}
