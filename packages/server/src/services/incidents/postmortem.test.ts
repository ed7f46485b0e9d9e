import { describe, expect, it } from 'vitest';
import { incidentApp } from '../../../test/support/incident-app.js';
import { testApp } from '../../../test/support/test-app.js';

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
