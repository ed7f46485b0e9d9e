import { parentPort, workerData } from 'node:worker_threads';
import { findScenario, runScenario } from '@glassbox/simulator';
import type { ScenarioJob, WorkerMessage } from './scenario-thread.js';

// The scenario's simulator, apps and SDK run on this thread, so generating traffic never
// shares the event loop that acknowledges its ingest (and a second core does the work).
const job = workerData as ScenarioJob;
const stop = new AbortController();
const post = (message: WorkerMessage) => parentPort!.postMessage(message);
parentPort!.on('message', (message: unknown) => {
  if (message === 'stop') stop.abort();
});
try {
  const { groundTruth } = await runScenario(findScenario(job.scenario), {
    ...job.options,
    signal: stop.signal,
    onProgress: (progress) => post({ type: 'progress', progress }),
  });
  post({ type: 'done', groundTruth });
} catch (error) {
  post({ type: 'failed', message: (error as Error).stack ?? String(error) });
}
parentPort!.close();
