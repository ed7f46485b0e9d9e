import OpenAI from 'openai';
import { instrumentOpenAI } from '@glassbox/sdk';
import { BookingAgent } from '../apps/booking-agent.js';
import { HandoffAgents } from '../apps/handoff-agents.js';
import { RagBot } from '../apps/rag-bot.js';
import { SupportRouter } from '../apps/support-router.js';

/** The three scenario apps wired to one instrumented OpenAI client. */
export interface SupportApps {
  openai: OpenAI;
  bot: RagBot;
  router: SupportRouter;
  agent: BookingAgent;
  handoff: HandoffAgents;
}

/**
 * Builds the support system against a simulator: the official `openai` client (instrumented
 * with the SDK), the RAG bot, the router in front of it, the booking agent and the hand-off pair.
 *
 * @example const apps = createSupportApps(sim.baseURL, sim.url);
 */
export function createSupportApps(baseURL: string, toolBaseUrl: string): SupportApps {
  const openai = instrumentOpenAI(
    new OpenAI({ baseURL, apiKey: 'sim-key', maxRetries: 0, timeout: 30_000 }),
    { provider: 'simulator' },
  );
  const bot = new RagBot(openai);
  return {
    openai,
    bot,
    router: new SupportRouter(openai, bot),
    agent: new BookingAgent(openai, toolBaseUrl),
    handoff: new HandoffAgents(openai),
  };
}
