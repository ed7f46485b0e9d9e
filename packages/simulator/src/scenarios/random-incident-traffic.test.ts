import { findFailures } from '@glassbox/core/classify';
import { extractObservation } from '@glassbox/core/detect';
import { checkOtlpSpan, normalizeSpan } from '@glassbox/core/normalize';
import { describe, expect, it } from 'vitest';
import { drawRandomIncident, SPAN_CONVENTIONS, type RandomIncident } from './random-incidents.js';
import { randomIncidentTraffic } from './random-incident-traffic.js';

/** The first seed whose stream is written in the convention (and, optionally, matches). */
function streamIn(convention: string, match: (s: RandomIncident) => boolean = () => true) {
  for (let seed = 1; seed < 500; seed++) {
    const s = drawRandomIncident(seed, { requests: 400, onset: { from: 200, to: 200 } });
    if (s.convention === convention && match(s)) return s;
  }
  throw new Error(`no seed draws ${convention}`);
}

describe.each(SPAN_CONVENTIONS)('randomIncidentTraffic in %s', (convention) => {
  const stream = streamIn(convention);
  const requests = [...randomIncidentTraffic(stream)];
  const observations = requests.map((r) => {
    for (const raw of r.spans) expect(checkOtlpSpan(raw)).toBeUndefined();
    const spans = r.spans.map((raw) => normalizeSpan(raw, { projectId: 'p' }));
    return extractObservation(spans, findFailures(spans));
  });

  it('writes spans ingest accepts, whose observations say what the request did', () => {
    expect(requests.length).toBe(400);
    requests.forEach((r, i) => {
      const o = observations[i]!;
      expect(o.eventMs).toBe(r.eventMs);
      expect(o.refusal).toBe(r.refusal);
      expect(o.error).toBe(r.error);
      expect(o.escalation).toBe(r.escalation);
      expect(o.tools.length > 0).toBe(r.toolCall);
      expect(o.latencyMs).toBe(r.latencyMs);
      expect(o.inputTokens).toBe(r.inputTokens);
      expect(o.outputTokens).toBe(r.outputTokens);
    });
    // Every flag occurs, so the comparison above was not vacuous.
    for (const key of ['refusal', 'toolCall', 'escalation'] as const)
      expect(requests.some((r) => r[key])).toBe(true);
  });

  it('names the answering model as the provider returned it', () => {
    const before = observations[0]!.model;
    expect(before).toMatch(/-\d{4}-\d\d-\d\d$/);
    const update = streamIn(
      convention,
      (s) => s.incident?.cause === 'model-update' && s.attribute !== 'gen_ai.request.model',
    );
    const models = [...randomIncidentTraffic(update)].map((r) => {
      const spans = r.spans.map((raw) => normalizeSpan(raw, { projectId: 'p' }));
      return extractObservation(spans, []).model;
    });
    expect(models[199]).toBe(update.responseModel.before);
    expect(models[200]).toBe(update.responseModel.after);
  });
});
