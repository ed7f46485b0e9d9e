// Runs simulated traffic through the server's detection path in process: spans are checked
// and normalized as ingest does, written with the ingest classifier's findings to memory
// storage, and the server's DetectionJob ticks over them on event time with the default
// monitors (zero configuration), as it does behind a running server.
import { failureClassifier } from '@glassbox/core/ingest';
import { checkOtlpSpan, normalizeSpan } from '@glassbox/core/normalize';
import { DetectionJob } from '@glassbox/server';
import { createMemoryStorage } from '@glassbox/store';

const PROJECT = 'default';

/**
 * Feeds `requests` (each with `spans`, raw OTLP spans) in batches and returns every alert
 * and incident the detection job opened. Throws on a span ingest would reject.
 */
export async function detectOnStream(requests, { batch = 1000 } = {}) {
  const storage = createMemoryStorage();
  const classifier = failureClassifier();
  const job = new DetectionJob(storage, {
    settleMs: 0,
    batchSize: batch,
    onError: (e) => {
      throw e;
    },
  });
  try {
    let pending = [];
    const flush = async () => {
      if (pending.length === 0) return;
      await storage.traces.writeSpans(pending, { classifier });
      pending = [];
      for (;;) {
        const report = await job.tick(Date.now() + 1000);
        if (report.observations === 0) break;
      }
    };
    let traces = 0;
    for (const request of requests) {
      for (const raw of request.spans) {
        const problem = checkOtlpSpan(raw);
        if (problem) throw new Error(`span ${raw.spanId} would be rejected: ${problem}`);
        pending.push(normalizeSpan(raw, { projectId: PROJECT }));
      }
      if (++traces % batch === 0) await flush();
    }
    await flush();
    await job.stop();
    const alerts = await storage.detection.listAlerts({ projectId: PROJECT, limit: 10_000 });
    const incidents = await storage.detection.listIncidents({ projectId: PROJECT, limit: 1_000 });
    return { alerts, incidents, traces };
  } finally {
    await storage.close();
  }
}
