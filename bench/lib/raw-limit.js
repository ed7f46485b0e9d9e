// The in-process ceiling for ingest: the same protobuf bodies decoded, checked, normalized and
// written with batched writeSpans, no HTTP and no group-commit queue in between.
import { resolveThresholds } from '@glassbox/core/classify';
import { checkOtlpSpan, normalizeSpan } from '@glassbox/core/normalize';
import { failureClassifier } from '@glassbox/core/ingest';
import { openStorage } from '@glassbox/store';
import { decodeOtlpTraceProtobuf } from './decode-otlp.js';
import { makeBatch, prng } from './llm-trace.js';

/**
 * Spans per second of decode + normalize + writeSpans, timing only that work (building and
 * encoding the test bodies is excluded), until `durationMs` of measured work has passed.
 */
export async function measureRawLimit({
  storageOptions,
  durationMs,
  tracesPerBatch,
  seed,
  writeBatchSpans = 1000,
  classify = true,
}) {
  const storage = await openStorage(storageOptions);
  try {
    const projectId = (await storage.projects.ensureProject('default')).id;
    const random = prng(seed);
    const wallDeadline = performance.now() + durationMs * 4;
    let measuredMs = 0;
    let writeMs = 0;
    let written = 0;
    let pending = [];
    let nextTrace = 0;
    const flush = async () => {
      const started = performance.now();
      // As the server does: the project's thresholds are read for every commit.
      const options = classify
        ? {
            classifier: failureClassifier(
              new Map([
                [projectId, resolveThresholds(await storage.projects.getThresholds(projectId))],
              ]),
            ),
          }
        : {};
      await storage.traces.writeSpans(pending, options);
      measuredMs += performance.now() - started;
      writeMs += performance.now() - started;
      written += pending.length;
      pending = [];
    };
    while (measuredMs < durationMs && performance.now() < wallDeadline) {
      const { body } = makeBatch(random, nextTrace, tracesPerBatch);
      nextTrace += tracesPerBatch;
      const started = performance.now();
      for (const raw of decodeOtlpTraceProtobuf(body)) {
        if (checkOtlpSpan(raw)) throw new Error(`benchmark span rejected: ${checkOtlpSpan(raw)}`);
        pending.push(normalizeSpan(raw, { projectId }));
      }
      measuredMs += performance.now() - started;
      if (pending.length >= writeBatchSpans) await flush();
    }
    if (pending.length > 0) await flush();
    return {
      spans: written,
      measuredMs,
      spansPerSecond: written / (measuredMs / 1000),
      decodeMicrosPerSpan: ((measuredMs - writeMs) * 1000) / written,
      writeMicrosPerSpan: (writeMs * 1000) / written,
    };
  } finally {
    await storage.close();
  }
}
