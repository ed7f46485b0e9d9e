import type { Message } from '@glassbox/core/model';
import { usageOf, type ChatResponseLog } from './chat-response.js';
import type { OpenAIChatChunk } from './openai-types.js';

interface ChoiceState {
  role: string;
  content: string;
  finishReason?: string;
  toolCalls: Map<number, { id?: string; name: string; arguments: string }>;
}

/**
 * Rebuilds a chat completion from streamed chunks: content deltas, tool-call deltas (keyed by
 * their index, arguments concatenated), finish reasons and the final usage chunk.
 *
 * @example
 * const agg = new ChatStreamAggregator();
 * for await (const chunk of stream) agg.add(chunk);
 * agg.result().outputMessages[0].content
 */
export class ChatStreamAggregator {
  private readonly choices = new Map<number, ChoiceState>();
  private readonly log: Omit<ChatResponseLog, 'outputMessages' | 'finishReasons'> = {};

  /** Adds one chunk; returns true when it carried content or a tool-call delta. */
  add(chunk: OpenAIChatChunk): boolean {
    if (typeof chunk.id === 'string' && this.log.responseId === undefined)
      this.log.responseId = chunk.id;
    if (typeof chunk.model === 'string' && chunk.model !== '') this.log.responseModel = chunk.model;
    const usage = usageOf(chunk.usage);
    if (usage) this.log.usage = usage;
    let produced = false;
    for (const choice of chunk.choices ?? []) {
      const state = this.choice(choice.index ?? 0);
      const delta = choice.delta ?? {};
      if (delta.role) state.role = delta.role;
      const text = delta.content ?? delta.refusal;
      if (typeof text === 'string' && text !== '') {
        state.content += text;
        produced = true;
      }
      for (const call of delta.tool_calls ?? []) {
        const key = call.index ?? state.toolCalls.size;
        const current = state.toolCalls.get(key) ?? { name: '', arguments: '' };
        if (call.id) current.id = call.id;
        if (call.function?.name) current.name += call.function.name;
        if (call.function?.arguments) current.arguments += call.function.arguments;
        state.toolCalls.set(key, current);
        produced = true;
      }
      if (choice.finish_reason) state.finishReason = choice.finish_reason;
    }
    return produced;
  }

  result(): ChatResponseLog {
    const ordered = [...this.choices.entries()].sort(([a], [b]) => a - b).map(([, state]) => state);
    return {
      ...this.log,
      outputMessages: ordered.map((state) => {
        const message: Message = { role: state.role, content: state.content };
        if (state.toolCalls.size > 0) {
          message.toolCalls = [...state.toolCalls.entries()]
            .sort(([a], [b]) => a - b)
            .map(([, call]) => call);
        }
        return message;
      }),
      finishReasons: ordered.map((state) => state.finishReason ?? 'unknown'),
    };
  }

  private choice(index: number): ChoiceState {
    let state = this.choices.get(index);
    if (!state) {
      state = { role: 'assistant', content: '', toolCalls: new Map() };
      this.choices.set(index, state);
    }
    return state;
  }
}
