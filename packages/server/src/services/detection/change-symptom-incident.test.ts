import { createRng, type Rng } from '@glassbox/core/stats';
import { afterEach, describe, expect, it } from 'vitest';
import type { GlassboxServer } from '../../server-options.js';
import { jsonClient } from '../../../test/support/json-client.js';
import {
  answer,
  driveTraffic,
  serverWithTickedDetection,
  T0,
  triageRequest,
} from '../../../test/support/detection-traffic.js';
import type { SpanSpec } from '../../../test/support/otlp-bodies.js';
import type { DetectionJob } from './detection-job.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startServer(): Promise<{ server: GlassboxServer; job: DetectionJob }> {
  const { server, job, close } = await serverWithTickedDetection();
  cleanups.push(close);
  return { server, job };
}

interface IncidentView {
  id: string;
  title: string;
  suspectedCause?: { monitorId: string; value?: string };
  alerts: { monitorId: string; segment?: Record<string, string>; change: boolean }[];
  timeline: { type: string }[];
}

/** Ticks until an incident has a symptom alert in `segment`, at most `ticks` after the change. */
async function runScenario(
  request: (i: number, rng: Rng) => SpanSpec,
  segment: Record<string, string>,
): Promise<{ incidents: IncidentView[]; ticksAfterChange: number; healthyIncidents: number }> {
  const { server, job } = await startServer();
  const api = jsonClient(server);
  const rng = createRng(2026);
  const incidents = async (): Promise<IncidentView[]> => {
    const list = (await api.get('/api/incidents')).body.items as { id: string }[];
    return Promise.all(
      list.map(async (i) => (await api.get(`/api/incidents/${i.id}`)).body as IncidentView),
    );
  };
  const send = (i: number): SpanSpec => request(i, rng);
  await driveTraffic(server, job, 0, 3000, send, async () => false);
  const healthyIncidents = (await incidents()).length;
  let ticksAfterChange = 0;
  let found: IncidentView[] = [];
  await driveTraffic(server, job, 3000, 1200, send, async () => {
    ticksAfterChange += 1;
    found = await incidents();
    return found.some((i) =>
      i.alerts.some((a) => !a.change && JSON.stringify(a.segment) === JSON.stringify(segment)),
    );
  });
  return { incidents: found, ticksAfterChange, healthyIncidents };
}

describe('change + symptom over loopback OTLP', () => {
  it('opens one incident naming the silent model update and the high-risk refusal drop', async () => {
    // The triage assistant: 20 % high-risk queries, refused 98 % of the time until a silent
    // model update after 3,000 requests, 5 % after it.
    const result = await runScenario(triageRequest, { 'risk.category': 'high' });
    expect(result.healthyIncidents).toBe(0);
    expect(result.ticksAfterChange).toBeLessThanOrEqual(3);
    expect(result.incidents).toHaveLength(1);
    const incident = result.incidents[0]!;
    expect(incident.suspectedCause).toMatchObject({
      monitorId: 'model-change',
      value: 'gpt-4o-2026-11-01',
    });
    expect(incident.alerts).toContainEqual(
      expect.objectContaining({ monitorId: 'refusal-rate', segment: { 'risk.category': 'high' } }),
    );
    expect(incident.timeline.map((t) => t.type)).toEqual(
      expect.arrayContaining(['version_change', 'first_anomaly', 'alert']),
    );
  }, 300_000);

  it('opens one incident naming a sampling change and a tool-call drop for one tenant', async () => {
    // A support bot: tenant acme (25 %) calls the knowledge-base tool 90 % of the time until
    // the temperature is raised after 3,000 requests, 10 % after it; other tenants 50 %.
    const result = await runScenario(
      (i, rng) => {
        const r = rng.next();
        const tenant = r < 0.25 ? 'acme' : r < 0.6 ? 'globex' : 'initech';
        const after = i >= 3000;
        const useTool = rng.next() < (tenant === 'acme' ? (after ? 0.1 : 0.9) : 0.5);
        return {
          name: 'chat gpt-4o',
          startMs: T0 + i * 1000,
          durationMs: 700,
          attributes: {
            'gen_ai.operation.name': 'chat',
            'gen_ai.request.model': 'gpt-4o',
            'gen_ai.response.model': 'gpt-4o-2024-08-06',
            'gen_ai.request.temperature': after ? 0.9 : 0.2,
            tenant,
            'gen_ai.output.messages': answer('Here is what I found.'),
          },
          children: useTool
            ? [
                {
                  name: 'execute_tool search_kb',
                  startMs: T0 + i * 1000 + 100,
                  durationMs: 200,
                  attributes: {
                    'gen_ai.operation.name': 'execute_tool',
                    'gen_ai.tool.name': 'search_kb',
                  },
                },
              ]
            : [],
        };
      },
      { tenant: 'acme' },
    );
    expect(result.healthyIncidents).toBe(0);
    expect(result.ticksAfterChange).toBeLessThanOrEqual(3);
    expect(result.incidents).toHaveLength(1);
    const incident = result.incidents[0]!;
    expect(incident.suspectedCause?.monitorId).toBe('sampling-change');
    expect(incident.alerts).toContainEqual(
      expect.objectContaining({ monitorId: 'tool-call-rate', segment: { tenant: 'acme' } }),
    );
  }, 300_000);
});
