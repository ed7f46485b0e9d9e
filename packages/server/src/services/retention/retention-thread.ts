import { Worker } from 'node:worker_threads';
import type { StorageOptions, SweepResult } from '@glassbox/store';
import type { RetentionOptions } from './retention-options.js';
import type { WriteTurn } from './retention-sweeper.js';

export interface RetentionThreadData {
  location: StorageOptions;
  settings: RetentionOptions;
}

export type RetentionThreadMessage =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'error'; message: string }
  | { type: 'swept'; result: SweepResult }
  | { type: 'stopped' }
  /** The worker asks for a write turn, and says when it ended. */
  | { type: 'turn'; id: number }
  | { type: 'turn-done'; id: number };

/** What the thread hears: a write turn granted, or stop. */
export type RetentionThreadCommand = { type: 'go'; id: number } | 'stop';

/** Longest a granted write turn holds the writer back; a stuck worker then loses it. */
export const MAX_WRITE_TURN_MS = 10_000;

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
 * expired data never delays the event loop that acknowledges ingest. Each batch first asks
 * this thread for a write turn, granted through `writeTurn` (the ingest writer's
 * `betweenCommits`): on SQLite the batch then holds the single write lock while no ingest
 * commit waits for it in the busy handler, which would block the event loop.
 *
 * @example
 * const thread = await startRetentionThread(storage.location!, {}, log, undefined, (work) =>
 *   pipeline.betweenCommits(work),
 * );
 */
export function startRetentionThread(
  location: StorageOptions,
  settings: RetentionOptions,
  onError: (error: Error) => void,
  onSweep: (result: SweepResult) => void = () => {},
  writeTurn: WriteTurn = (work) => work(),
): Promise<RetentionThread> {
  const worker = new Worker(WORKER_FILE, { workerData: { location, settings } });
  const command = (c: RetentionThreadCommand) => worker.postMessage(c);
  const held = new Map<number, () => void>();
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      for (const release of held.values()) release();
      resolve();
    }),
  );
  const grant = (id: number) =>
    writeTurn(
      () =>
        new Promise<void>((release) => {
          const timer = setTimeout(() => held.get(id)?.(), MAX_WRITE_TURN_MS).unref();
          held.set(id, () => {
            clearTimeout(timer);
            held.delete(id);
            release();
          });
          command({ type: 'go', id });
        }),
    ).catch(() => command({ type: 'go', id }));
  return new Promise<RetentionThread>((resolve, reject) => {
    worker.on('message', (message: RetentionThreadMessage) => {
      if (message.type === 'turn') {
        void grant(message.id);
      } else if (message.type === 'turn-done') {
        held.get(message.id)?.();
      } else if (message.type === 'ready') {
        resolve({
          stop: async () => {
            command('stop');
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
