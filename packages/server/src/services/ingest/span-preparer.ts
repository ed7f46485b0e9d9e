import { Piscina } from 'piscina';
import type { OtlpEncoding } from '../../otlp/otlp-encoding.js';
import { OtlpDecodeError } from '../../otlp/otlp-decode-error.js';
import { IngestError } from './ingest-error.js';
import type { PrepareOutcome, PrepareTask } from './ingest-worker.js';
import { prepareTraceBody, type PreparedSpans } from './prepare-spans.js';

/** Turns an OTLP trace body into normalized spans, on this thread or on worker threads. */
export interface SpanPreparer {
  prepare(projectId: string, encoding: OtlpEncoding, body: Buffer): Promise<PreparedSpans>;
  close(): Promise<void>;
}

/** Decodes and normalizes on the calling thread (memory storage, tests, embedders). */
export function inlinePreparer(maxAttributeBytes: number): SpanPreparer {
  return {
    prepare: async (projectId, encoding, body) =>
      prepareTraceBody(projectId, encoding, body, maxAttributeBytes),
    close: async () => {},
  };
}

// The compiled worker, reached the same way from src/ (tests run the sources) and from dist/:
// a worker thread cannot load TypeScript.
const WORKER_FILE = new URL('../../../dist/services/ingest/ingest-worker.js', import.meta.url);

/** Bodies waiting for a worker, at most; beyond it a request is refused (429), not buffered. */
export const MAX_QUEUED_BODIES = 256;
/** Body bytes waiting for or on a worker, at most (one body is always let through). */
export const MAX_PREPARING_BYTES = 128 * 1024 * 1024;

/**
 * Decodes and normalizes on a pool of `threads` worker threads (piscina), so the thread that
 * accepts requests and commits batches does none of it. Each body is copied once into its own
 * buffer and moved, not cloned, to the worker; a body that is not an export request rejects
 * with OtlpDecodeError as inline.
 *
 * @example
 * const preparer = workerPreparer(1024 * 1024, os.availableParallelism());
 * const { spans } = await preparer.prepare('default', 'protobuf', body);
 */
export function workerPreparer(maxAttributeBytes: number, threads: number): SpanPreparer {
  const pool = new Piscina<PrepareTask, PrepareOutcome>({
    filename: WORKER_FILE.href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
    maxQueue: MAX_QUEUED_BODIES,
  });
  let preparingBytes = 0;
  return {
    async prepare(projectId, encoding, body) {
      const over = preparingBytes > 0 && preparingBytes + body.length > MAX_PREPARING_BYTES;
      if (over || pool.queueSize >= MAX_QUEUED_BODIES) {
        throw new IngestError(
          'queue_full',
          `decode queue is full (${pool.queueSize} request bodies, ${preparingBytes} bytes waiting)`,
        );
      }
      const own = new Uint8Array(body);
      const task: PrepareTask = { projectId, encoding, body: own, maxAttributeBytes };
      preparingBytes += body.length;
      let outcome: PrepareOutcome;
      try {
        outcome = await pool.run(task, { transferList: [own.buffer] });
      } finally {
        preparingBytes -= body.length;
      }
      if ('decodeError' in outcome) throw new OtlpDecodeError(outcome.decodeError);
      return outcome.prepared;
    },
    close: () => pool.destroy(),
  };
}
