import { parentPort, workerData } from 'node:worker_threads';
import { openStorage } from '@glassbox/store';
import { CanaryFeed } from '../artifacts/canary-feed.js';
import { OnlineEvalJob } from './online-eval-job.js';
import { onlineJudgeServices } from './online-eval-judge.js';
import type { OnlineEvalThreadData, OnlineEvalThreadMessage } from './online-eval-thread.js';

// The online evaluator on its own thread and database connection.
const { location, settings } = workerData as OnlineEvalThreadData;
const port = parentPort!;
const post = (message: OnlineEvalThreadMessage) => port.postMessage(message);

try {
  const storage = await openStorage(location);
  const feed = new CanaryFeed(storage.artifacts, { incidents: storage.detection });
  const job = new OnlineEvalJob(storage, {
    ...settings,
    onJudged: (projectId, traces) => feed.judge(projectId, traces),
    alsoVisit: () => feed.projectsWithRunningCanaries(storage.projects),
    services: onlineJudgeServices(settings.providers, process.env),
    onError: (error) => post({ type: 'error', message: error.message }),
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
  job.start();
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  port.close();
}
