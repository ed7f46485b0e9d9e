import { withContext } from '@glassbox/sdk';
import type { TrafficRequest } from '../traffic/generate-traffic.js';
import type { Scenario, ScenarioContext } from './scenario.js';

/**
 * Sends one simulated request to the app that serves it, inside the user's session, with
 * the segment metadata detectors split by. Never throws: a failed request reports its trace.
 *
 * @example await dispatchRequest(scenario, ctx, request) // { traceId: '4bf9...', failed: false }
 */
export async function dispatchRequest(
  scenario: Scenario,
  ctx: ScenarioContext,
  request: TrafficRequest,
): Promise<{ traceId?: string; failed: boolean }> {
  const values = {
    sessionId: request.sessionId,
    userId: request.userId,
    tags: [`scenario:${scenario.name}`],
    metadata: {
      segment: request.segment,
      plan: request.plan,
      risk: request.segment === 'high_risk' ? 'high' : 'low',
    },
  };
  let traceId: string | undefined;
  try {
    await withContext(values, async () => {
      const { apps } = ctx;
      switch (request.kind) {
        case 'booking':
        case 'status':
          traceId = (await apps.agent.handle(request.text)).traceId;
          return;
        case 'handoff':
          traceId = (await apps.handoff.handle(request.text)).traceId;
          return;
        case 'question':
          traceId =
            scenario.questionsVia === 'router'
              ? (await apps.router.handle(request.text)).traceId
              : (await apps.bot.answer(request.text)).traceId;
      }
    });
    return { ...(traceId ? { traceId } : {}), failed: false };
  } catch (error) {
    const id = (error as { traceId?: string }).traceId;
    return { ...(id ? { traceId: id } : {}), failed: true };
  }
}
