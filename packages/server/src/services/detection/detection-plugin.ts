import type { Storage } from '@glassbox/store';
import type { FastifyInstance } from 'fastify';
import { DetectionJob } from './detection-job.js';
import type { DetectionOptions } from './detection-options.js';
import { startDetectionThread, type DetectionThread } from './detection-thread.js';

/**
 * Whether the job can run on its own thread: the storage must be reachable from another
 * connection (not memory), and nothing in-process may need the job (`onJob`) or be injected
 * into it (`fetch`, `sleep`, `onError` are functions that cannot cross threads).
 */
export function detectionRunsOnThread(
  storage: Storage,
  settings: DetectionOptions,
  inProcessJobWanted: boolean,
): boolean {
  return (
    settings.thread !== false &&
    storage.location !== undefined &&
    !inProcessJobWanted &&
    !settings.fetch &&
    !settings.sleep &&
    !settings.onError
  );
}

/**
 * Runs the detection job, unless disabled, from the moment the server is ready until it
 * closes: on a worker thread with its own database connection when it can, so detection
 * never shares the event loop that acknowledges ingest; in-process otherwise. `onJob`
 * receives an in-process job, so tests and embedders can drive ticks themselves.
 *
 * @example
 * await detectionPlugin(app, { storage, detection: { intervalMs: 5000 } });
 */
export async function detectionPlugin(
  app: FastifyInstance,
  options: {
    storage: Storage;
    detection?: DetectionOptions;
    onJob?: (job: DetectionJob) => void;
  },
): Promise<void> {
  const settings = options.detection ?? {};
  if (settings.enabled === false) return;
  const { storage } = options;
  if (detectionRunsOnThread(storage, settings, options.onJob !== undefined)) {
    let thread: DetectionThread | undefined;
    app.addHook('onReady', async () => {
      thread = await startDetectionThread(storage.location!, settings, (error) =>
        app.log.error({ err: error }, 'detection failed'),
      );
    });
    app.addHook('onClose', async () => thread?.stop());
    return;
  }
  const job = new DetectionJob(storage, {
    onError: (error) => app.log.error({ err: error }, 'detection failed'),
    ...settings,
  });
  options.onJob?.(job);
  app.addHook('onReady', () => job.start());
  app.addHook('onClose', () => job.stop());
}
