import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage } from '@glassbox/store';
import { runCli } from '../run-cli.js';
import { captureContext } from '../../test/support/capture-context.js';
import { replayScenario, type ReplayScenario } from '../../test/support/replay-scenario.js';

let scenario: ReplayScenario;
beforeAll(async () => {
  scenario = await replayScenario('duplicate-bookings', { healthy: 6, incident: 6 });
}, 120_000);
afterAll(async () => {
  await scenario?.close();
});

describe('glassbox replay of an agent step with tool-call turns', () => {
  it('sends recorded tool results back as tool messages: the provider accepts every trial', async () => {
    const storage = await openStorage({ dataDir: scenario.dataDir });
    let target: { traceId: string; spanId: string } | undefined;
    try {
      const list = await storage.traces.listTraces({ projectId: 'default', limit: 50 });
      for (const t of list.items) {
        const spans = (await storage.traces.getTrace('default', t.traceId))?.spans ?? [];
        const step = spans.find(
          (s) => s.kind === 'llm' && s.inputMessages.some((m) => m.role === 'tool'),
        );
        if (step) {
          target = { traceId: step.traceId, spanId: step.spanId };
          break;
        }
      }
    } finally {
      await storage.close();
    }
    expect(target).toBeDefined();
    const io = captureContext({
      env: { OPENAI_BASE_URL: scenario.sim.baseURL, GLASSBOX_DATA_DIR: scenario.dataDir },
    });
    const code = await runCli(
      ['replay', target!.traceId, '--span', target!.spanId, '--trials', '3', '--json'],
      io.context,
    );
    expect(code).toBe(0);
    const result = JSON.parse(io.stdout());
    const roles = result.request.messages.map((m: { role: string }) => m.role);
    expect(roles).toContain('tool');
    const calls = result.request.messages.flatMap(
      (m: { tool_calls?: { id: string }[] }) => m.tool_calls ?? [],
    );
    const answered = result.request.messages
      .filter((m: { role: string }) => m.role === 'tool')
      .map((m: { tool_call_id: string }) => m.tool_call_id);
    expect(calls.length).toBeGreaterThan(0);
    expect(answered.sort()).toEqual(calls.map((c: { id: string }) => c.id).sort());
    expect(result.request.tools.length).toBeGreaterThan(0);
    expect(result.errors).toBe(0);
    expect(result.judged).toBe(3);
  }, 60_000);
});
