import type OpenAI from 'openai';
import { withTraceId } from './with-trace-id.js';
import type { LoopGuard } from '@glassbox/core/guards';
import { guardStep, trace, traceAgentStep, withVersions } from '@glassbox/sdk';

export interface HandoffSettings {
  model: string;
  /** Hand-offs allowed between the two agents before the request is abandoned. */
  maxTurns: number;
  /** The booking agent's prompt; `booking-v3` asks triage for membership details it already has. */
  bookingPromptVersion: 'booking-v2' | 'booking-v3';
  /** The SDK's loop guard: each turn is a step; ping-pong between the agents stops the run. */
  loopGuard?: LoopGuard;
}

export const DEFAULT_HANDOFF_SETTINGS: HandoffSettings = {
  model: 'gpt-4o-mini',
  maxTurns: 10,
  bookingPromptVersion: 'booking-v2',
};

export interface HandoffResult {
  answer: string;
  turns: number;
  traceId: string;
}

/**
 * Two agents sharing a request: `triage` reads the customer's membership and hands over to
 * `booking`, which answers. With prompt `booking-v3`, booking insists on confirming the
 * membership with triage, and triage (unchanged) hands straight back: they loop until the
 * turn limit.
 *
 * @example await new HandoffAgents(openai).handle('Can my membership cover a repair?')
 */
export class HandoffAgents {
  settings: HandoffSettings;

  constructor(
    private readonly openai: OpenAI,
    settings: Partial<HandoffSettings> = {},
  ) {
    this.settings = { ...DEFAULT_HANDOFF_SETTINGS, ...settings };
  }

  handle(request: string): Promise<HandoffResult> {
    return withVersions({ prompt: this.settings.bookingPromptVersion }, () =>
      trace(
        'handoff request',
        (span) => withTraceId(span.spanContext().traceId, () => this.run(request)),
        { input: request, kind: 'AGENT' },
      ),
    );
  }

  private async run(request: string): Promise<Omit<HandoffResult, 'traceId'>> {
    const s = this.settings;
    let agent: 'triage' | 'booking' = 'triage';
    let note = `Customer request: ${request}`;
    for (let turn = 1; turn <= s.maxTurns; turn++) {
      if (s.loopGuard) guardStep(s.loopGuard, agent);
      const reply = await traceAgentStep(
        { agentName: agent, step: `turn-${turn}`, input: note },
        () => this.ask(agent, note),
      );
      if (agent === 'triage') {
        note = `Triage notes: membership checked (Pro, active). ${reply}`;
        agent = 'booking';
        continue;
      }
      if (s.bookingPromptVersion === 'booking-v2') return { answer: reply, turns: turn };
      note = `Booking agent asks triage to confirm the membership tier before booking. ${request}`;
      agent = 'triage';
    }
    throw new Error(`hand-off stopped: maximum number of turns (${s.maxTurns}) exceeded`);
  }

  private async ask(agent: 'triage' | 'booking', note: string): Promise<string> {
    const system =
      agent === 'triage'
        ? 'You are the triage agent. Summarise the request and the membership for the booking agent.'
        : this.settings.bookingPromptVersion === 'booking-v2'
          ? 'You are the booking agent. Use the triage notes to answer the customer.'
          : 'You are the booking agent. Always confirm the membership tier with the triage agent before answering.';
    const res = await this.openai.chat.completions.create({
      model: this.settings.model,
      temperature: 0,
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: note },
      ],
    });
    return res.choices[0]?.message.content ?? '';
  }
}
