import type { Storage } from '@glassbox/store';
import type { FastifyInstance } from 'fastify';
import { CanaryFeed } from '../artifacts/canary-feed.js';
import { OnlineEvalJob, type OnlineEvalOptions } from './online-eval-job.js';
import { onlineJudgeServices } from './online-eval-judge.js';
import { startOnlineEvalThread } from './online-eval-thread.js';

/**
 * Runs the online evaluator while the server is up: on its own worker thread and database
 * connection when the storage can be reopened there (SQLite, PostgreSQL); in-process only
 * for memory storage, which no other thread can reach.
 *
 * @example
 * await app.register(onlineEvalPlugin, { storage, onlineEval: { intervalMs: 5000 } });
 */
export async function onlineEvalPlugin(
  app: FastifyInstance,
  options: { storage: Storage; onlineEval?: OnlineEvalOptions },
): Promise<void> {
  const settings = options.onlineEval ?? {};
  if (settings.enabled === false) return;
  const log = (error: Error) => app.log.error({ err: error }, 'online evaluation failed');
  const { storage } = options;
  if (storage.location !== undefined && !settings.onError && !settings.services) {
    let stop: (() => Promise<void>) | undefined;
    app.addHook('onReady', async () => {
      stop = await startOnlineEvalThread(storage.location!, settings, log);
    });
    app.addHook('onClose', async () => stop?.());
    return;
  }
  const feed = new CanaryFeed(storage.artifacts, { incidents: storage.detection });
  const job = new OnlineEvalJob(storage, {
    onError: log,
    onJudged: (projectId, traces) => feed.judge(projectId, traces),
    alsoVisit: () => feed.projectsWithRunningCanaries(storage.projects),
    services: onlineJudgeServices(settings.providers, process.env),
    ...settings,
  });
  app.addHook('onReady', async () => job.start());
  app.addHook('onClose', () => job.stop());
}
