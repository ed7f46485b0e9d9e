import type { GlassboxServer } from '@glassbox/server';
import { describe, expect, it } from 'vitest';
import {
  INCIDENT_ID,
  postJson,
  simulatedIncidentServers,
} from '../../test/support/incident-server.js';

const servers = simulatedIncidentServers(5);
const serverWith = async (env: Record<string, string>) => (await servers.open(env)).server;
const simulated = servers.simulated;

const polish = (s: GlassboxServer, body: object = {}) =>
  postJson(s, `/api/incidents/${INCIDENT_ID}/postmortem/polish`, body);

describe('postmortem polish pass (simulator as the provider)', () => {
  it('keeps rewordings that preserve every number and link, refuses the others, and says who wrote what', async () => {
    const s = await serverWith(simulated());
    const res = await polish(s);
    expect(res.status).toBe(200);
    const polished = (await res.json()) as {
      summary: { text: string; by: string; rejected?: string };
      timeline: { text: string; by: string; rejected?: string; links: unknown[] }[];
      model: string;
    };
    // The simulator rounds "33.0 %" to "about 33 %": a changed number, so the draft's text stays.
    expect(polished.summary.by).toBe('code');
    expect(polished.summary.rejected).toBe('changed numbers, quoted values or links: 33.0 → 33');
    expect(polished.summary.text).toMatch(/^Error rate: 33\.0 % of 100 requests affected/);
    expect(polished.timeline[0]).toMatchObject({ by: 'code' });
    expect(polished.timeline[0]!.rejected).toMatch(/33\.3/);
    // The version line keeps its quoted values: the model's wording is used and marked.
    expect(polished.timeline[1]).toMatchObject({
      by: 'model',
      text: 'Prompt version "v7" changed to "v8".',
    });
    expect(polished.model).toBeTruthy();
  });

  it('answers no_provider without one, while the draft itself needs none', async () => {
    const s = await serverWith({});
    const res = await polish(s);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('no_provider');
    expect(body.error.message).toMatch(/OPENAI_API_KEY/);
    const draft = await fetch(`${s.url}/api/incidents/inc-7/postmortem?format=md`);
    expect(draft.status).toBe(200);
    expect(await draft.text()).toContain('# Postmortem: Error rate');
  });

  it('refuses an unknown incident and unknown body fields', async () => {
    const s = await serverWith(simulated());
    const missing = await fetch(`${s.url}/api/incidents/nope/postmortem/polish`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(missing.status).toBe(404);
    expect((await polish(s, { temperature: 2 })).status).toBe(400);
  });
});
