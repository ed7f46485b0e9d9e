import type { Attributes } from '../model/attributes.js';
import type { OtlpEvent } from '../model/otlp-span.js';
import type { Message } from '../model/span.js';
import { aiSdkInputMessages, aiSdkOutputMessages } from './ai-sdk-messages.js';
import { extractEventMessages } from './event-messages.js';
import { indexedPromptMessages } from './indexed-prompt-messages.js';
import { openInferenceMessages } from './openinference-messages.js';
import { parseOtelMessages, parseSystemInstructions } from './otel-messages.js';

export interface SpanMessages {
  input: Message[];
  output: Message[];
  /** Finish reasons carried beside the messages, in output order. */
  finishReasons: string[];
}

/**
 * Input and output messages from the first convention that has them, each side on its own:
 * OTel GenAI attributes, OpenInference, indexed `gen_ai.prompt` / `gen_ai.completion`,
 * the AI SDK, then span events (including log records appended as events).
 */
export function readMessages(attributes: Attributes, events: readonly OtlpEvent[]): SpanMessages {
  const system = parseSystemInstructions(attributes['gen_ai.system_instructions']);
  const otelInput = parseOtelMessages(attributes['gen_ai.input.messages']).messages;
  const otelOutput = parseOtelMessages(attributes['gen_ai.output.messages']);
  const prompt = indexedPromptMessages(attributes, 'gen_ai.prompt');
  const completion = indexedPromptMessages(attributes, 'gen_ai.completion');
  const fromEvents = events.length > 0 ? extractEventMessages(events) : undefined;

  const base = firstNonEmpty([
    otelInput,
    openInferenceMessages(attributes, 'llm.input_messages'),
    prompt.messages,
    aiSdkInputMessages(attributes),
    fromEvents?.input ?? [],
  ]);
  const repeatsSystem = base[0]?.role === 'system' && base[0].content === system?.content;
  const input = system && !repeatsSystem ? [system, ...base] : base;
  const output = firstNonEmpty([
    otelOutput.messages,
    openInferenceMessages(attributes, 'llm.output_messages'),
    completion.messages,
    aiSdkOutputMessages(attributes),
    fromEvents?.output ?? [],
  ]);
  const finishReasons = [
    ...otelOutput.finishReasons,
    ...completion.finishReasons,
    ...(fromEvents?.finishReasons ?? []),
  ];
  return { input, output, finishReasons };
}

function firstNonEmpty(candidates: Message[][]): Message[] {
  return candidates.find((list) => list.length > 0) ?? [];
}
