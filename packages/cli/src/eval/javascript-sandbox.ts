import { Worker } from 'node:worker_threads';

/**
 * The worker's code: each job runs in a fresh `vm` context (no require, no process, no
 * globals of ours) with a synchronous time limit; the parent thread enforces the same limit
 * on promises by terminating the worker.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const vm = require('node:vm');
parentPort.on('message', async ({ id, source, args, timeoutMs }) => {
  try {
    const context = vm.createContext(Object.assign(Object.create(null), args));
    const value = await vm.runInContext(source, context, { timeout: timeoutMs });
    parentPort.postMessage({ id, ok: true, value: JSON.parse(JSON.stringify(value ?? null)) });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, message: error && error.message ? error.message : String(error) });
  }
});
`;

interface Job {
  source: string;
  args: Record<string, unknown>;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * Runs user code (javascript assertions, HTTP response transforms) off the main thread, one
 * job at a time in a worker, each in a fresh `vm` context with a hard timeout: a job that
 * runs too long is cut off by terminating the worker, which is then replaced.
 *
 * @example
 * const sandbox = new JavascriptSandbox({ timeoutMs: 1000 });
 * await sandbox.runFunction('return output.length > 3', 'hello', { vars: {}, prompt: '' }); // true
 * await sandbox.close();
 */
export class JavascriptSandbox {
  private worker: Worker | undefined;
  private readonly queue: Job[] = [];
  private busy = false;
  private nextId = 0;
  private readonly timeoutMs: number;

  constructor(options: { timeoutMs?: number } = {}) {
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  /** Runs `body` as the body of `(output, context) => { ... }`. */
  runFunction(body: string, output: unknown, context: unknown): Promise<unknown> {
    return this.run(`(async function (output, context) {\n${body}\n})(output, context)`, {
      output,
      context,
    });
  }

  /** Evaluates one expression over the given variables (e.g. `json.choices[0].text`). */
  evaluate(expression: string, variables: Record<string, unknown>): Promise<unknown> {
    return this.run(`(${expression})`, variables);
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private run(source: string, args: Record<string, unknown>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.queue.push({ source, args, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.busy) return;
    const job = this.queue.shift();
    if (!job) return;
    this.busy = true;
    const worker = (this.worker ??= this.spawn());
    const id = this.nextId++;
    const finish = (): void => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      this.busy = false;
      this.pump();
    };
    const onMessage = (message: {
      id: number;
      ok: boolean;
      value?: unknown;
      message?: string;
    }): void => {
      if (message.id !== id) return;
      finish();
      if (message.ok) job.resolve(message.value);
      else job.reject(new Error(message.message));
    };
    const onError = (error: Error): void => {
      this.worker = undefined;
      finish();
      job.reject(error);
    };
    const timer = setTimeout(() => {
      this.worker = undefined;
      void worker.terminate();
      finish();
      job.reject(new Error(`user code timed out after ${this.timeoutMs} ms`));
    }, this.timeoutMs);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.postMessage({ id, source: job.source, args: job.args, timeoutMs: this.timeoutMs });
  }

  private spawn(): Worker {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: 128 },
    });
    worker.unref();
    return worker;
  }
}
