import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { failureClassifier } from '@glassbox/core/ingest';
import type { Span } from '@glassbox/core/model';
import { describe, expect, it } from 'vitest';
import { requestSpan } from '../../../test/support/request-span.js';
import { testApp } from '../../../test/support/test-app.js';

const T0 = Date.UTC(2026, 0, 1);
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

async function incidentApp() {
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
  return { app, incidentId: incidents[0]!.id };
}

describe('GET /api/incidents/:id/postmortem', () => {
  it('drafts the postmortem from the stored evidence, in JSON with every link', async () => {
    const { app, incidentId } = await incidentApp();
    const res = await app.inject({
      method: 'GET',
      url: `/api/incidents/${incidentId}/postmortem?format=json`,
    });
    expect(res.statusCode).toBe(200);
    const draft = res.json();
    expect(draft.scope.categories).toEqual(['rate_limit', 'error_status']);
    // 36 of the 120 requests after the onset hit the limit (60 % of the booking half).
    expect(draft.scope.affectedShare).toBeGreaterThan(0.24);
    expect(draft.scope.affectedShare).toBeLessThan(0.36);
    expect(draft.changes[0].text).toBe('prompt version "booking-v7" → "booking-v8"');
    expect(draft.layers[0].layer).toBe('infrastructure');
    expect(draft.failingTraces.length).toBeGreaterThanOrEqual(3);
    expect(draft.healthyTraces.length).toBeGreaterThanOrEqual(3);
    expect(draft.detectionGap.delayRequests).toBeGreaterThan(0);
    expect(draft.versionsAtStart).toEqual({ prompt: 'booking-v7' });
  });

  it('answers Markdown and the template YAML with their media types', async () => {
    const { app, incidentId } = await incidentApp();
    const md = await app.inject({ method: 'GET', url: `/api/incidents/${incidentId}/postmortem` });
    expect(md.headers['content-type']).toMatch(/^text\/markdown/);
    expect(md.body).toContain('## 2. What changed?');
    expect(md.body).toContain('prompt version "booking-v7" → "booking-v8"');
    const yaml = await app.inject({
      method: 'GET',
      url: `/api/incidents/${incidentId}/postmortem?format=yaml`,
    });
    expect(yaml.headers['content-type']).toMatch(/^application\/yaml/);
    expect(yaml.body).toMatch(/^incident:\n/);
  });

  it('names the problem for an unknown incident or format', async () => {
    const { app } = await testApp();
    const missing = await app.inject({ method: 'GET', url: '/api/incidents/nope/postmortem' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toMatch(/incident nope not found/);
    const format = await app.inject({
      method: 'GET',
      url: '/api/incidents/nope/postmortem?format=pdf',
    });
    expect(format.statusCode).toBe(400);
    expect(format.json().error.message).toMatch(/format/);
  });
});
