import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { judgeTrial, type JudgeTask, type Judgement } from './judge-trial.js';

/** Where replayed answers are judged: on this thread, or on a pool of worker threads. */
export interface TrialJudging {
  /** `thread` or `in-process`, for logs and tests. */
  readonly where: 'thread' | 'in-process';
  judge(task: JudgeTask): Promise<Judgement>;
  close(): Promise<void>;
}

/** Judging on the calling thread: for the CLI and benchmarks, where no ingest loop waits. */
export const inProcessJudging: TrialJudging = {
  where: 'in-process',
  judge: (task) => judgeTrial(task),
  close: async () => {},
};

// The compiled worker, reached the same way from src/ (tests run the sources) and from dist/:
// a worker thread cannot load TypeScript.
const WORKER_FILE = new URL('../../../dist/services/replay/judge-worker.js', import.meta.url);

export interface JudgingThreadOptions {
  /** Most worker threads (default: half the cores, at least 1, at most 4). */
  maxThreads?: number;
  /** A thread idle this long exits (default 30 s); the pool starts one again on demand. */
  idleTimeoutMs?: number;
}

/**
 * A pool of worker threads that judge replayed answers, so the classifier runs of a
 * bisection (about 120 trace classifications) never delay the server's event loop.
 *
 * @example
 * const judging = startJudgingThreads();
 * const { failed } = await judging.judge(task);
 * await judging.close();
 */
export function startJudgingThreads(options: JudgingThreadOptions = {}): TrialJudging {
  const maxThreads =
    options.maxThreads ?? Math.min(4, Math.max(1, Math.floor(availableParallelism() / 2)));
  const pool = new Piscina<JudgeTask, Judgement>({
    filename: WORKER_FILE.href,
    minThreads: 0,
    maxThreads,
    idleTimeout: options.idleTimeoutMs ?? 30_000,
  });
  return {
    where: 'thread',
    judge: (task) => pool.run(task),
    close: () => pool.destroy(),
  };
}
