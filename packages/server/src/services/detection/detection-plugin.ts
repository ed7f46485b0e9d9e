import type { Storage } from '@glassbox/store';
import type { FastifyInstance } from 'fastify';
import { DetectionJob } from './detection-job.js';
import type { DetectionOptions } from './detection-options.js';

/**
 * Runs the detection job, unless disabled, from the moment the server is ready until it
 * closes. `onJob` receives the job, so tests and embedders can drive ticks themselves.
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
  const job = new DetectionJob(options.storage, {
    onError: (error) => app.log.error({ err: error }, 'detection failed'),
    ...settings,
  });
  options.onJob?.(job);
  app.addHook('onReady', () => job.start());
  app.addHook('onClose', () => job.stop());
}
