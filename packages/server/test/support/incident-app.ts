import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { failureClassifier } from '@glassbox/core/ingest';
import type { Span } from '@glassbox/core/model';
import { expect } from 'vitest';
import { requestSpan } from './request-span.js';
import { testApp } from './test-app.js';

export const T0 = Date.UTC(2026, 0, 1);
const EVERY_MS = 10_000;
const HEALTHY = 300;
const FAULTY = 120;

/**
 * Booking requests that start hitting rate limits after a prompt version change: 300
 * healthy requests on prompt v7, then 120 on v8 where 60 % of the booking route fails.
 */
function traffic(): Span[] {
  return Array.from({ length: HEALTHY + FAULTY }, (_, i) => {
    const after = i >= HEALTHY;
    const route = i % 2 === 0 ? 'book-repair' : 'answer-question';
    const fails = after && route === 'book-repair' && i % 10 < 6;
    const span = requestSpan(i + 1, T0 + i * EVERY_MS, { error: fails });
    return {
      ...span,
      name: route,
      sessionId: `s${i % 50}`,
      versions: { prompt: after ? 'booking-v8' : 'booking-v7' },
      ...(fails ? { statusMessage: '429 Too Many Requests: rate limit exceeded' } : {}),
    };
  });
}

/** An app whose detection has opened one incident over `traffic()`. */
export async function incidentApp() {
  const dir = mkdtempSync(join(tmpdir(), 'gbx-postmortem-'));
  const file = join(dir, 'monitors.yaml');
  writeFileSync(
    file,
    'monitors:\n  - id: errors\n    metric: error_rate\n    detector: bernoulli_cusum\n    params: { p0: 0.02, h: 3 }\n',
  );
  const { app, storage } = await testApp({
    detection: { intervalMs: 30, settleMs: 0, monitorsFile: file },
  });
  await app.ready();
  await storage.traces.writeSpans(traffic(), { classifier: failureClassifier(new Map()) });
  let incidents: { id: string }[] = [];
  for (let i = 0; i < 200 && incidents.length === 0; i++) {
    await new Promise((r) => setTimeout(r, 30));
    incidents = (await app.inject({ method: 'GET', url: '/api/incidents' })).json().items;
  }
  expect(incidents).toHaveLength(1);
  return { app, storage, incidentId: incidents[0]!.id };
}
