import { describe, expect, it } from 'vitest';
import { findFailures } from '@glassbox/core/classify';
import { normalizeSpan } from '@glassbox/core/normalize';
import type { CollectedSpan } from './support/otlp-collector.js';
import { FAULT_SCENARIOS, runFaultScenario } from './fault-scorecard.js';

/** What Glassbox's classifier finds in the gateway's spans, as its receiver would see them. */
function findings(spans: CollectedSpan[]) {
  const normalized = spans.map((s) => normalizeSpan(s.otlp, { projectId: 'default' }));
  return findFailures(normalized).map((f) => f.category);
}

describe("the gateway's spans feed Glassbox's findings", () => {
  it('a persistent 429 behind a successful fail-over is still a rate-limit finding, with the guard events on the span', async () => {
    const result = await runFaultScenario(
      FAULT_SCENARIOS.find((s) => s.name === 'persistent 429')!,
    );
    expect(findings(result.spans)).toContain('rate_limit');
    const reasons = result.spans.flatMap((s) =>
      s.events.map((e) => String(e.attributes['glassbox.guard.reason'])),
    );
    expect(reasons.some((r) => /Retry-After/.test(r))).toBe(true);
    expect(reasons.some((r) => /trying fallback/.test(r))).toBe(true);
  });

  it('a stream cut is a failed attempt span in the trace, whose cost is counted', async () => {
    const result = await runFaultScenario(
      FAULT_SCENARIOS.find((s) => s.name === 'stream cut mid-answer')!,
    );
    const spans = result.spans.map((s) => normalizeSpan(s.otlp, { projectId: 'default' }));
    const attempts = spans.filter((s) => s.kind === 'llm');
    expect(attempts.map((s) => s.status)).toEqual(['error', 'ok']);
    expect(attempts.every((s) => (s.costUsd ?? 0) > 0)).toBe(true);
  });
});
