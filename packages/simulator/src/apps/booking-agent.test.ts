import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../start-simulator.js';
import type { RunningSimulator } from '../start-simulator.js';
import { scenarioModels } from '../scenarios/scenario-models.js';
import { createSupportApps } from '../scenarios/support-apps.js';
import { AppRunError } from './with-trace-id.js';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 2, config: { models: scenarioModels() } });
});
afterAll(() => sim.close());

const MULTI =
  'Check status of booking BK-20418, then book repair for the brakes at the Harbour workshop on 2024-06-18 at 11:00.';

describe('BookingAgent', () => {
  it('runs each planned task with its tool and answers from the results', async () => {
    const { agent } = createSupportApps(sim.baseURL, sim.url);
    const result = await agent.handle(MULTI);
    expect(result.toolCalls).toEqual(['check_booking_status', 'book_repair']);
    expect(result.steps).toBe(4);
    expect(result.answer).toMatch(/executed/);
  });

  it('stops at the step limit with an error naming the trace', async () => {
    const { agent } = createSupportApps(sim.baseURL, sim.url);
    agent.settings.maxSteps = 3;
    const error = await agent.handle(MULTI).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppRunError);
    expect((error as Error).message).toMatch(/maximum number of steps \(3\) reached/);
  });

  it('retries a timed-out booking, which then runs twice on the backend', async () => {
    const { agent } = createSupportApps(sim.baseURL, sim.url);
    agent.settings.toolTimeoutMs = 100;
    sim.setConfig({
      rules: [
        {
          match: { route: 'tools', tool: 'book_repair' },
          behavior: { lateResponse: { rate: 1, delayMs: 200 } },
        },
      ],
    });
    try {
      const before = sim.stats().processed.byTool.book_repair ?? 0;
      const result = await agent.handle(
        'Book a repair at the Harbour workshop on 2024-06-15 at 14:30.',
      );
      expect(result.toolCalls).toEqual(['book_repair']);
      expect(result.answer).toMatch(/error/i);
      expect((sim.stats().processed.byTool.book_repair ?? 0) - before).toBe(2);
    } finally {
      sim.setConfig({ rules: [] });
    }
  });
});
