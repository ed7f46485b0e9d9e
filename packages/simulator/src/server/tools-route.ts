import { shortHash } from '../util/seeded-random.js';
import type { ProviderRoute } from './provider-route.js';

/**
 * `POST /v1/tools/:name`: a side-effecting tool (refund, send email...) that scenario
 * agents call. Every admitted call executes and is counted, with no de-duplication, so tests
 * can prove a retried call ran twice.
 */
export const toolsRoute: ProviderRoute = {
  route: 'tools',
  facts(body, tool) {
    return { route: 'tools', model: null, text: JSON.stringify(body ?? null), tool };
  },
  handle({ state, body, facts, requestId }) {
    const tool = facts.tool ?? 'unknown';
    const executions = (state.stats.processed.byTool[tool] ?? 0) + 1;
    return {
      kind: 'json',
      body: {
        tool,
        status: 'executed',
        execution_id: `exec_${shortHash(requestId, 16)}`,
        executions,
        arguments: body ?? null,
      },
    };
  },
};
