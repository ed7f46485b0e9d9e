import { describe, expect, it } from 'vitest';
import { FAULT_SCENARIOS, runFaultScenario } from './fault-scorecard.js';

describe('failoverbench fault scorecard against the simulator', () => {
  it.each(FAULT_SCENARIOS.map((s) => [s.name, s] as const))('%s: pass', async (_name, scenario) => {
    const result = await runFaultScenario(scenario);
    expect({ verdict: result.verdict, evidence: result.evidence }).toMatchObject({
      verdict: 'pass',
    });
    // Whatever happened, no broken stream reached the client as a success.
    for (const view of result.views)
      if (view.success && scenario.expect === 'answer') expect(view.finishReason).toBe('stop');
  });
});
