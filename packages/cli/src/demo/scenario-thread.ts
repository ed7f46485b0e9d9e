import { Worker } from 'node:worker_threads';
import type { GroundTruth, RunScenarioOptions, ScenarioProgress } from '@glassbox/simulator';

// The compiled worker, reached the same way from src/demo (tests run the sources) and from
// dist/demo: a worker thread cannot load TypeScript.
const WORKER_FILE = new URL('../../dist/demo/scenario-worker.js', import.meta.url);

/** What the worker runs: one scenario, with every option that can cross a thread. */
export interface ScenarioJob {
  scenario: string;
  options: Omit<RunScenarioOptions, 'signal' | 'onProgress'>;
}

export type WorkerMessage =
  | { type: 'progress'; progress: ScenarioProgress }
  | { type: 'done'; groundTruth: GroundTruth }
  | { type: 'failed'; message: string };

/**
 * Runs one scenario on a worker thread and resolves with its ground truth; progress is
 * relayed as it comes, and aborting the signal stops the traffic between requests.
 *
 * @example
 * const truth = await runScenarioThread({ scenario: 'prompt-drift', options: { endpoint } });
 */
export function runScenarioThread(
  job: ScenarioJob,
  onProgress: (progress: ScenarioProgress) => void,
  signal: AbortSignal,
): Promise<GroundTruth> {
  const worker = new Worker(WORKER_FILE, { workerData: job });
  const stop = () => worker.postMessage('stop');
  signal.addEventListener('abort', stop, { once: true });
  return new Promise<GroundTruth>((resolve, reject) => {
    let settled = false;
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress(message.progress);
      else if (message.type === 'done') {
        settled = true;
        resolve(message.groundTruth);
      } else {
        settled = true;
        reject(new Error(`scenario ${job.scenario} failed: ${message.message}`));
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      signal.removeEventListener('abort', stop);
      if (!settled) reject(new Error(`scenario ${job.scenario}: worker exited with code ${code}`));
    });
  });
}
