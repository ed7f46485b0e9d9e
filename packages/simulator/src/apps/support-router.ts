import type OpenAI from 'openai';
import { trace, traceAgentStep } from '@glassbox/sdk';
import type { RagBot } from './rag-bot.js';
import type { SearchHit } from './vector-index.js';

export interface RouterSettings {
  model: string;
  /** Below this top retrieval score the bot is not confident: a human takes over. */
  minConfidence: number;
}

export const DEFAULT_ROUTER_SETTINGS: RouterSettings = {
  model: 'gpt-4o-mini',
  minConfidence: 0.3,
};

const LABELS = ['billing', 'bookings', 'repairs', 'rentals', 'account', 'human agent'];

export type Route = 'automated' | 'human';

export interface RoutedAnswer {
  route: Route;
  reason: string;
  intent: string;
  answer: string | null;
  traceId: string;
}

/**
 * Decides between an automated answer and a human escalation: an intent classifier (model
 * call) plus the retrieval confidence of the RAG bot. The decision is recorded on the root
 * span as `glassbox.metadata.route` and `glassbox.metadata.escalation_reason`.
 *
 * @example const { route } = await new SupportRouter(openai, bot).handle('Talk to a human agent please');
 */
export class SupportRouter {
  settings: RouterSettings;

  constructor(
    private readonly openai: OpenAI,
    private readonly bot: RagBot,
    settings: Partial<RouterSettings> = {},
  ) {
    this.settings = { ...DEFAULT_ROUTER_SETTINGS, ...settings };
  }

  handle(message: string): Promise<RoutedAnswer> {
    return trace(
      'support request',
      async (span) => {
        const intent = await this.classify(message);
        let route: Route = 'automated';
        let reason = 'confident';
        let hits: SearchHit[] | undefined;
        if (intent === 'human agent') {
          route = 'human';
          reason = 'customer asked for a person';
        } else {
          hits = await this.bot.retrieve(message);
          const top = hits[0]?.score ?? 0;
          if (top < this.settings.minConfidence) {
            route = 'human';
            reason = `low retrieval confidence (${top.toFixed(2)})`;
          }
        }
        span.setAttributes({
          'glassbox.metadata.route': route,
          'glassbox.metadata.intent': intent,
          'glassbox.metadata.escalation_reason': route === 'human' ? reason : '',
        });
        const answer =
          route === 'automated' ? (await this.bot.answerInTrace(message, hits)).answer : null;
        span.setAttribute('output.value', answer ?? `escalated to a human agent: ${reason}`);
        return { route, reason, intent, answer, traceId: span.spanContext().traceId };
      },
      { input: message },
    );
  }

  private classify(message: string): Promise<string> {
    return traceAgentStep({ agentName: 'router', step: 'classify', input: message }, async () => {
      const res = await this.openai.chat.completions.create({
        model: this.settings.model,
        temperature: 0,
        max_tokens: 5,
        messages: [
          {
            role: 'system',
            content: `Classify the customer message. Answer with one of: ${LABELS.join(', ')}.`,
          },
          { role: 'user', content: message },
        ],
      });
      const text = (res.choices[0]?.message.content ?? '').trim().toLowerCase();
      return LABELS.find((l) => text.includes(l)) ?? 'unknown';
    });
  }
}
