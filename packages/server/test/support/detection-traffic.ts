import type { Rng } from '@glassbox/core/stats';
import { createMemoryStorage } from '@glassbox/store';
import { expect } from 'vitest';
import { createServer } from '../../src/create-server.js';
import type { DetectionOptions } from '../../src/services/detection/detection-options.js';
import { DetectionJob } from '../../src/services/detection/detection-job.js';
import type { GlassboxServer } from '../../src/server-options.js';
import { jsonTraceBody, recordSpans, type SpanSpec } from './otlp-bodies.js';

/** Simulated event time: one request per second from here. */
export const T0 = Date.UTC(2026, 10, 1, 8);
const BATCH = 200;

/** An OTel GenAI output-messages attribute holding one assistant text. */
export const answer = (text: string): string =>
  JSON.stringify([{ role: 'assistant', parts: [{ type: 'text', content: text }] }]);

/**
 * A server on loopback over memory storage whose detection job the test ticks itself
 * (settleMs 0 unless given), and how to close both.
 */
export async function serverWithTickedDetection(options: DetectionOptions = {}) {
  const storage = createMemoryStorage();
  const server = await createServer({
    storage,
    host: '127.0.0.1',
    port: 0,
    detection: { enabled: false },
  });
  const job = new DetectionJob(storage, { settleMs: 0, ...options });
  const close = async (): Promise<void> => {
    await job.stop();
    await server.close();
  };
  return { storage, server, job, close };
}

/** Sends spans as one OTLP JSON export over loopback, as an app's exporter would. */
export async function postTraces(server: GlassboxServer, specs: SpanSpec[]): Promise<void> {
  const res = await fetch(`${server.url}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: jsonTraceBody(recordSpans(specs, 'e2e-app')),
  });
  expect(res.status).toBe(200);
}

/**
 * Sends `n` requests (from request `from`, one per simulated second) as OTLP JSON over
 * loopback, ticking detection after every batch; stops when `onTick` says so.
 */
export async function driveTraffic(
  server: GlassboxServer,
  job: DetectionJob,
  from: number,
  n: number,
  request: (i: number) => SpanSpec,
  onTick: (afterRequest: number) => Promise<boolean>,
): Promise<void> {
  for (let start = from; start < from + n; start += BATCH) {
    const specs = Array.from({ length: Math.min(BATCH, from + n - start) }, (_, k) =>
      request(start + k),
    );
    await postTraces(server, specs);
    await job.tick(Date.now() + 10);
    if (await onTick(start + specs.length)) return;
  }
}

/** The model the triage assistant ran before the silent update, and after it. */
export const TRIAGE_MODELS = { before: 'gpt-4o-2024-08-06', after: 'gpt-4o-2026-11-01' } as const;

/**
 * The medical triage assistant of issue 12: 20 % high-risk queries, refused 98 % of the time
 * until a silent model update at request 3,000, 5 % after it.
 */
export function triageRequest(i: number, rng: Rng): SpanSpec {
  const refusalText = "I'm sorry, I can't help with that. Please seek immediate care.";
  const high = rng.next() < 0.2;
  const after = i >= 3000;
  const refuses = rng.next() < (high ? (after ? 0.05 : 0.98) : 0.01);
  return {
    name: 'chat gpt-4o',
    startMs: T0 + i * 1000,
    durationMs: 900,
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.response.model': after ? TRIAGE_MODELS.after : TRIAGE_MODELS.before,
      'risk.category': high ? 'high' : 'low',
      'gen_ai.output.messages': answer(
        refuses ? refusalText : 'Rest, fluids, and see a doctor if it persists.',
      ),
    },
  };
}
