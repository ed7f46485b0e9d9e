// An ingest worker thread (run by piscina, see span-preparer.ts): decodes an OTLP trace body
// and normalizes its spans, so the thread that acknowledges requests only commits.
import type { OtlpEncoding } from '../../otlp/otlp-encoding.js';
import { OtlpDecodeError } from '../../otlp/otlp-decode-error.js';
import { prepareTraceBody, type PreparedSpans } from './prepare-spans.js';

export interface PrepareTask {
  projectId: string;
  encoding: OtlpEncoding;
  body: Uint8Array;
  maxAttributeBytes: number;
}

/** A body that is not an export request comes back as its message, not as a thrown error. */
export type PrepareOutcome = { prepared: PreparedSpans } | { decodeError: string };

export default function prepare(task: PrepareTask): PrepareOutcome {
  const body = Buffer.from(task.body.buffer, task.body.byteOffset, task.body.byteLength);
  try {
    return {
      prepared: prepareTraceBody(task.projectId, task.encoding, body, task.maxAttributeBytes),
    };
  } catch (error) {
    if (error instanceof OtlpDecodeError) return { decodeError: error.message };
    throw error;
  }
}
